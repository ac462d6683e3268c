"""Small valid OFD files (GB/T 33190-2016) built in code: text placed at positions on pages, with an optional
template page shared by every page, so tests need no binary fixtures."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Collection, Mapping, Sequence
from xml.sax.saxutils import escape

NS = "http://www.ofdspec.org/2016"
# (x, y, text) in millimetres from the page's top left; y is the baseline
Placed = tuple[float, float, str]

OFD_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD">
  <ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo>
    <ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>
</ofd:OFD>"""


def text_object(number: int, x: float, y: float, text: str, size: float = 5.6) -> str:
    """One text object whose box starts at (x, y - size); the code sits on the box's baseline."""
    deltas = " ".join(["g", str(len(text) - 1), str(size)]) if len(text) > 1 else ""
    delta = f' DeltaX="{deltas}"' if deltas else ""
    return (
        f'<ofd:TextObject ID="{number}" Boundary="{x} {y - size} 180 {size * 1.5}" Font="1" Size="{size}">'
        f'<ofd:TextCode X="0" Y="{size}"{delta}>{escape(text)}</ofd:TextCode></ofd:TextObject>'
    )


def content_xml(placed: Sequence[Placed], template: str = "", layers: int = 1) -> str:
    """A page's Content.xml; with `layers` > 1 the text objects alternate between layers."""
    objects = [text_object(100 + index, x, y, text) for index, (x, y, text) in enumerate(placed)]
    groups = ["".join(objects[start::layers]) for start in range(layers)]
    body = "".join(f'<ofd:Layer ID="{9 + n}">{group}</ofd:Layer>' for n, group in enumerate(groups))
    use = f'<ofd:Template TemplateID="{template}" ZOrder="Background"/>' if template else ""
    head = f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">'
    return f"{head}{use}<ofd:Content>{body}</ofd:Content></ofd:Page>"


def document_xml(pages: int, template: bool) -> str:
    page_list = "".join(
        f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(pages)
    )
    tpl = '<ofd:TemplatePage ID="50" BaseLoc="Tpls/Tpl_0/Content.xml"/>' if template else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
        f"</ofd:PageArea>{tpl}</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
    )


def ofd_parts(
    pages: Sequence[Sequence[Placed]],
    template: Sequence[Placed] = (),
    layers: int = 1,
    template_pages: Collection[int] | None = None,
) -> dict[str, bytes]:
    """The parts of an OFD file; the template is drawn on `template_pages` (every page when None)."""
    parts = {"OFD.xml": OFD_XML, "Doc_0/Document.xml": document_xml(len(pages), bool(template))}
    if template:
        parts["Doc_0/Tpls/Tpl_0/Content.xml"] = content_xml(template)
    for number, placed in enumerate(pages):
        uses = template and (template_pages is None or number in template_pages)
        parts[f"Doc_0/Pages/Page_{number}/Content.xml"] = content_xml(placed, "50" if uses else "", layers)
    return {name: text.encode("utf-8") for name, text in parts.items()}


def zipped(parts: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def ofd_file(
    pages: Sequence[Sequence[Placed]],
    template: Sequence[Placed] = (),
    layers: int = 1,
    template_pages: Collection[int] | None = None,
) -> bytes:
    return zipped(ofd_parts(pages, template, layers, template_pages))


def lines_at(lines: Sequence[str], top: float = 40.0, step: float = 10.0, x: float = 28.0) -> list[Placed]:
    """Lines of text one under another, as a word processor places them."""
    return [(x, top + step * index, line) for index, line in enumerate(lines)]


# A 红头文件: the header sits in a first-page template (as 公文 tools draw it), the body runs over two pages.
RED_HEADER_TEMPLATE: list[Placed] = [(40.0, 30.0, "东湖镇人民政府文件")]
RED_HEADER_PAGE_1 = [
    "东府发〔2026〕12号",
    "东湖镇人民政府关于做好冬季防火工作的通知",
    "各村（居）委会、镇属各单位：",
    "根据县政府《关于加强冬春火灾防控的通知》（县政发〔2025〕3号）要求，现将有关事项通知如下。",
    "一、总体要求",
]
RED_HEADER_PAGE_2 = [
    "二、工作措施",
    "各村要组织开展秸秆禁烧巡查，落实网格责任。",
    "东湖镇人民政府",
    "2026年8月3日",
    "（此件公开发布）",
]


def red_header_ofd() -> bytes:
    pages = [lines_at(RED_HEADER_PAGE_1), lines_at(RED_HEADER_PAGE_2)]
    return ofd_file(pages, RED_HEADER_TEMPLATE, template_pages={0})

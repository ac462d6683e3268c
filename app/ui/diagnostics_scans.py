"""Self-checks for issue 22's paper path (OCR, OFD, 案卷) that `--smoke-test` runs in the frozen program.

Each builds its own tiny input in a temporary folder, so a build is proved without any file beside it.
"""

from __future__ import annotations

import io
import sys
import tempfile
import zipfile
from datetime import date
from pathlib import Path

from app.services.formats.fonts import bundled_font_path

OCR_SAMPLE = "政务公开"
OFD_SAMPLE = "关于做好政务公开工作的通知"
OFD_NS = "http://www.ofdspec.org/2016"


def ocr_models_folder() -> Path | None:
    """Where the engine reads its .onnx models from (None when the OCR component is not installed)."""
    from app.services.scans.engine import engine_installed

    if not engine_installed():
        return None
    import rapidocr_onnxruntime

    models = Path(rapidocr_onnxruntime.__file__).parent / "models"
    return models if models.is_dir() else None


def ocr_reads_rendered_text() -> bool:
    """Load the OCR models (from the bundle when frozen) and read four characters in the bundled font."""
    from PIL import Image, ImageDraw, ImageFont

    from app.services.scans.engine import recognise

    models = ocr_models_folder()
    if models is None or len(list(models.glob("*.onnx"))) < 3:  # detection, direction and recognition
        raise FileNotFoundError(f"OCR models missing in {models}")
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None and not models.resolve().is_relative_to(Path(bundle).resolve()):
        raise FileNotFoundError(f"OCR models outside the bundle: {models}")
    image = Image.new("RGB", (400, 120), "white")
    font = ImageFont.truetype(str(bundled_font_path()), 56)
    ImageDraw.Draw(image).text((40, 28), OCR_SAMPLE, fill="black", font=font)
    return OCR_SAMPLE in "".join(line.text for line in recognise(image))


def _ofd_bytes(text: str) -> bytes:
    """A one-page OFD (GB/T 33190-2016) holding one line of text."""
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    parts = {
        "OFD.xml": f'{head}<ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        "<ofd:DocInfo><ofd:DocID>self-check</ofd:DocID></ofd:DocInfo>"
        "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        "Doc_0/Document.xml": f'{head}<ofd:Document xmlns:ofd="{OFD_NS}"><ofd:CommonData>'
        "<ofd:MaxUnitID>9</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
        '</ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
        "</ofd:Pages></ofd:Document>",
        "Doc_0/Pages/Page_0/Content.xml": f'{head}<ofd:Page xmlns:ofd="{OFD_NS}"><ofd:Content>'
        '<ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="20 30 180 9" Font="1" Size="6">'
        f'<ofd:TextCode X="0" Y="6">{text}</ofd:TextCode></ofd:TextObject></ofd:Layer>'
        "</ofd:Content></ofd:Page>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml.encode("utf-8"))
    return buffer.getvalue()


def ofd_reads_text() -> bool:
    from app.services.formats.ofd import ofd_text

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "自检.ofd"
        path.write_bytes(_ofd_bytes(OFD_SAMPLE))
        return OFD_SAMPLE in ofd_text(path).replace(" ", "")


def casefile_pages_join() -> bool:
    """A one-case 案卷's own pages (cover, 卷内目录, one paper) drawn and joined into 3 pages."""
    from pypdf import PdfReader, PdfWriter

    from app.services.requests.casefile import render

    day = date(2026, 1, 5)
    cover = render.CoverFacts("自检", "2026-001", "张*", day, day, day, "予以公开", 1, 3, day)
    row = render.TocRow(1, day, "政府信息公开申请表", "", 3, "")
    writer = PdfWriter()
    for part in (render.cover_pdf(cover), render.toc_pdf([row]), render.text_pdf("申请表", [OCR_SAMPLE])):
        writer.append(PdfReader(io.BytesIO(part)))
    buffer = io.BytesIO()
    writer.write(buffer)
    joined = PdfReader(io.BytesIO(buffer.getvalue()))
    return len(joined.pages) == 3 and "卷内目录" in joined.pages[1].extract_text().replace(" ", "")

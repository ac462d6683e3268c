"""A scanned 红头文件 made from scratch (issue 22): a two-page notice typeset with the bundled font,
rasterised at 200 dpi, turned 1°, speckled and JPEG-compressed into an image-only PDF; and a phone photo
of page 1 (perspective, uneven light). Everything is seeded, so every run makes the same files.

`bench --ocr-pages` measures OCR on it; the tests of OCR, registration and search use it through
tests/services/scans/fixtures.py and check against the notice's fields, which are constants here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageFilter

from app.services.formats.fonts import FontRole, register_pdf_font

DPI = 200
ORGAN = "青石镇人民政府"
HEADER = f"{ORGAN}文件"
DOC_NUMBER = "青府发〔2026〕12号"
TITLE = "青石镇人民政府关于做好2026年秋冬季森林防火工作的通知"
ADDRESSEE = "各村（居）民委员会，镇属各单位："
DATE_LINE = "2026年8月3日"
QUOTED_NUMBER = "石政发〔2026〕7号"  # a 文号 quoted in the body: never the notice's own
PAGE_TWO_PHRASE = "防火隔离带"  # words only page 2 has (search finds the scan by them)

BODY_PAGE_ONE = (
    f"根据《石门县人民政府关于加强2026年森林防火工作的通知》（{QUOTED_NUMBER}）要求，"
    "为切实做好我镇秋冬季森林防火工作，保护森林资源和人民群众生命财产安全，现将有关事项通知如下。",
    "一、提高思想认识。今年入秋以来，我镇降水偏少，气温偏高，林区可燃物积累较多，森林火险等级持续偏高。"
    "各村要充分认识当前形势的严峻性，克服麻痹思想，把森林防火工作摆上重要议事日程。",
    "二、落实防火责任。各村党组织书记是本村森林防火第一责任人，要层层签订责任书，"
    "把防火责任落实到山头地块和具体人员，做到山有人管、林有人护、火有人防。",
)
BODY_PAGE_TWO = (
    "三、加强火源管控。严禁在林区及林缘地带烧荒、烧秸秆、上坟烧纸和燃放烟花爆竹，"
    f"护林员每天巡山不少于一次，发现隐患立即报告。重点林区要清理可燃物，开设{PAGE_TWO_PHRASE}。",
    "四、做好应急准备。镇应急队伍实行二十四小时值班，储备灭火机具和物资，"
    "一旦发生火情，要坚持打早打小打了，并在三十分钟内报告镇森林防火指挥部办公室。",
    "请各村于8月20日前将责任书签订情况报镇农业农村办公室。",
)

# GB/T 9704 geometry: A4, type area 156 × 225 mm from 37 mm top / 28 mm left, 28 characters of 16 pt a line.
_MM = 72 / 25.4
_PAGE_W, _PAGE_H = 210 * _MM, 297 * _MM
_LEFT, _TOP, _WIDTH = 28 * _MM, 37 * _MM, 156 * _MM
_BODY_PT, _LINE_PT, _CHARS_PER_LINE = 16, 28.9, 28


@dataclass(frozen=True)
class ScanFiles:
    text_pdf: Path  # the typeset notice (has a text layer)
    scan_pdf: Path  # the same two pages as 200-dpi noisy JPEG images only
    photo: Path  # page 1 photographed with a phone


def body_text(page: int) -> str:
    """The body characters on `page` (1 or 2), without spaces: what the OCR must read (CER)."""
    return "".join(BODY_PAGE_ONE if page == 1 else BODY_PAGE_TWO)


def _wrap(paragraph: str) -> list[str]:
    text = "\u3000\u3000" + paragraph  # two-character indent
    return [text[i : i + _CHARS_PER_LINE] for i in range(0, len(text), _CHARS_PER_LINE)]


def notice_pdf(path: Path) -> Path:
    """Typeset the two-page notice with the bundled font (reportlab)."""
    from reportlab.lib.colors import black, red
    from reportlab.pdfgen.canvas import Canvas

    font = register_pdf_font(FontRole.FANGSONG, search_dirs=[])  # [] → always the bundled font
    canvas = Canvas(str(path), pagesize=(_PAGE_W, _PAGE_H))
    centre = _PAGE_W / 2

    def body(lines: list[str], y: float) -> float:
        canvas.setFont(font, _BODY_PT)
        for line in lines:
            canvas.drawString(_LEFT, y, line)
            y -= _LINE_PT
        return y

    def folio(number: int) -> None:
        canvas.setFont(font, 14)
        canvas.drawCentredString(centre, 20 * _MM, f"— {number} —")

    y = _PAGE_H - _TOP - 20 * _MM
    canvas.setFillColor(red)
    canvas.setFont(font, 40)
    canvas.drawCentredString(centre, y, HEADER)
    canvas.setFillColor(black)
    y -= 22 * _MM
    canvas.setFont(font, _BODY_PT)
    canvas.drawCentredString(centre, y, DOC_NUMBER)
    y -= 5 * _MM
    canvas.setStrokeColor(red)
    canvas.setLineWidth(1.5)
    canvas.line(_LEFT, y, _LEFT + _WIDTH, y)
    y -= 16 * _MM
    canvas.setFont(font, 20)
    canvas.drawCentredString(centre, y, TITLE[:19])
    y -= 30
    canvas.drawCentredString(centre, y, TITLE[19:])
    y -= 2 * _LINE_PT
    y = body([ADDRESSEE], y)
    for paragraph in BODY_PAGE_ONE:
        y = body(_wrap(paragraph), y)
    folio(1)
    canvas.showPage()

    y = _PAGE_H - _TOP
    for paragraph in BODY_PAGE_TWO:
        y = body(_wrap(paragraph), y)
    y -= 2 * _LINE_PT
    canvas.setFont(font, _BODY_PT)
    canvas.drawRightString(_LEFT + _WIDTH - 4 * _BODY_PT, y, ORGAN)
    y -= _LINE_PT
    canvas.drawRightString(_LEFT + _WIDTH - 4 * _BODY_PT, y, DATE_LINE)
    folio(2)
    canvas.save()
    return path


def rasterise(pdf: Path, dpi: int = DPI) -> list[Image.Image]:
    import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

    document = pdfium.PdfDocument(str(pdf))
    try:
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def _scanned(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A flatbed scan: turned 1°, grey paper with speckle noise, then JPEG at quality 60."""
    turned = page.rotate(1.0, resample=Image.Resampling.BICUBIC, fillcolor=(255, 255, 255))
    pixels = np.asarray(turned, dtype=np.float32) * 0.93 + 8  # paper is never pure white
    pixels += rng.normal(0, 14, pixels.shape[:2])[..., None]
    speckles = rng.random(pixels.shape[:2]) < 0.002
    pixels[speckles] = 40
    return _jpeg(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)), 60)


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer)


def _photographed(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A phone photo: the page lies on a desk, seen slightly from below-left, lit from the top right."""
    w, h = page.size
    canvas_w, canvas_h = int(w * 1.15), int(h * 1.12)
    # Where the page's corners land on the photo (top-left, top-right, bottom-right, bottom-left).
    corners = [(0.09, 0.05), (0.93, 0.07), (0.97, 0.95), (0.04, 0.93)]
    target = [(x * canvas_w, y * canvas_h) for x, y in corners]
    coefficients = _perspective_coefficients(target, [(0, 0), (w, 0), (w, h), (0, h)])
    desk = Image.new("RGB", (canvas_w, canvas_h), (118, 96, 70))
    sheet = page.transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", page.size, 255).transform(
        (canvas_w, canvas_h), Image.Transform.PERSPECTIVE, coefficients, Image.Resampling.BILINEAR
    )
    desk.paste(sheet, (0, 0), mask)
    yy, xx = np.mgrid[0:canvas_h, 0:canvas_w].astype(np.float32)
    light = 0.4 + 0.6 * (xx / canvas_w) * (1 - 0.5 * yy / canvas_h)  # darker to the bottom left
    pixels = np.asarray(desk, dtype=np.float32) * light[..., None]
    pixels += rng.normal(0, 6, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.8))
    return _jpeg(photo, 80)


def _perspective_coefficients(
    source: list[tuple[float, float]], target: list[tuple[float, float]]
) -> tuple[float, ...]:
    """PIL's PERSPECTIVE maps output (source) points to input (target) points: solve its 8 coefficients."""
    rows, values = [], []
    for (x, y), (u, v) in zip(source, target, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    solved = np.linalg.solve(np.array(rows, dtype=np.float64), np.array(values, dtype=np.float64))
    return tuple(float(c) for c in solved)


def scan_pdf(text_pdf: Path, path: Path, rng: np.random.Generator) -> Path:
    """The typeset pages as a flatbed scans them: an image-only PDF of noisy 200-dpi JPEG pages."""
    scans = [_scanned(page, rng) for page in rasterise(text_pdf)]
    scans[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=scans[1:])
    return path


def make_scan_files(folder: Path, seed: int = 22) -> ScanFiles:
    """Write the typeset notice, its noisy image-only scan and a phone photo of page 1 into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    text_pdf = notice_pdf(folder / "通知-原件.pdf")
    scanned = scan_pdf(text_pdf, folder / "通知-扫描件.pdf", rng)
    photo = folder / "通知-手机拍照.jpg"
    _photographed(rasterise(text_pdf)[0], rng).save(photo, "JPEG", quality=85)
    return ScanFiles(text_pdf, scanned, photo)

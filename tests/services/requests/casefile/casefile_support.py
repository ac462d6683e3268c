"""A case with letters and six papers of different shapes (PDF scans, a photo, a two-page TIFF, a mailing
recorded by number alone), each carrying a marker text or a known page count."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.requests.casefile.papers import NewPaper, PaperService
from app.services.requests.types import LetterKind
from tests.calendar_support import D
from tests.services.request_support import registration


def marker_pdf(path: Path, *markers: str) -> Path:
    """A PDF with one page per marker, the marker printed on it (Latin, so any font extracts it)."""
    canvas = Canvas(str(path))
    for marker in markers:
        canvas.setFont("Helvetica", 24)
        canvas.drawString(100, 700, marker)
        canvas.showPage()
    canvas.save()
    return path


def photo(path: Path, size: tuple[int, int] = (1200, 1600), frames: int = 1) -> Path:
    pages = [Image.new("RGB", size, (250 - 20 * i, 250, 245)) for i in range(frames)]
    pages[0].save(path, save_all=frames > 1, append_images=pages[1:])
    return path


def case_with_six_papers(ctx: AppContext, admin: Actor, folder: Path) -> int:
    """Received 2024-09-27, answered 2024-10-10 with its letters; six papers out of order of entry."""
    requests = ctx.requests
    case = requests.register(admin, registration(D("2024-09-27")), today=D("2024-09-27")).detail
    requests.letters.issue(admin, case.id, LetterKind.RECEIPT, today=D("2024-09-27"))
    requests.steps.answer(admin, case.id, "R3.1", D("2024-10-10"), today=D("2024-10-10"))
    requests.letters.issue(admin, case.id, LetterKind.ANSWER, today=D("2024-10-10"))
    papers = PaperService(ctx.sessions, ctx.attachments)
    folder.mkdir(parents=True, exist_ok=True)
    add = [
        NewPaper("送达回证", D("2024-10-14"), marker_pdf(folder / "回证.pdf", "MARK-SERVICE")),
        NewPaper("申请书", D("2024-09-27"), marker_pdf(folder / "申请.pdf", "MARK-APPLY-1", "MARK-APPLY-2")),
        NewPaper("邮寄凭证", D("2024-10-11"), None, "EA123456789CN", D("2024-10-13")),
        NewPaper("其他", D("2024-09-30"), photo(folder / "照片.jpg")),
        NewPaper("补正材料", D("2024-09-29"), photo(folder / "补正.tif", frames=2)),
        NewPaper("最终文书", D("2024-10-10"), marker_pdf(folder / "盖章答复.pdf", "MARK-FINAL")),
    ]
    for paper in add:
        papers.add(admin, case.id, paper)
    return case.id

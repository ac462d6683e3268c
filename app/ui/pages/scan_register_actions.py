"""从文件登记 for a scan (image PDF, JPG, PNG, TIFF): OCR in the task runner, then the 登记 dialog with the
first page beside the fields and the recognised text editable (issue 22)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.errors import CancelledError, UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel
from app.services.documents.from_file import Proposal, propose_from_file, registration_input, scan_reader
from app.services.documents.rules import DocumentInput
from app.services.scans import engine, images, raster
from app.services.scans.read import SCAN_SUFFIXES
from app.ui.errors import show_error
from app.ui.page_services import PageServices
from app.ui.widgets.scan_preview import ScanPreview, to_qimage

if TYPE_CHECKING:
    from PIL.Image import Image

PREVIEW_DPI = 100  # the page is shown about 400 px wide: more would only cost memory
NO_ENGINE = (
    "本机没有安装文字识别（OCR）组件，无法读出扫描件上的文字。请对照左边的页面手工填写。"
    f"要自动识别，请向提供安装包的人员索取「{engine.OCR_ADDON}」并运行。"
)
NO_TEXT = "没有从这份扫描件中读到文字。请对照左边的页面手工填写。"
CANCELLED = "已取消识别，没有登记。"

# What the page does with the result: open its 登记 dialog with this proposal, file and side panel.
OpenDialog = Callable[[DocumentInput, tuple[Path, ...], ScanPreview], None]


def is_scan(path: Path) -> bool:
    return path.suffix.lower() in SCAN_SUFFIXES


@dataclass(frozen=True)
class ScanRead:
    preview: Image | None
    proposal: Proposal | None  # None: nothing read, the clerk types the fields
    note: str = ""


def first_page(path: Path) -> Image:
    if path.suffix.lower() == ".pdf":
        with raster.opened_pdf(path) as document:
            return raster.render(document, 0, PREVIEW_DPI)
    with images.opened_image(path) as picture:
        page = images.frame(picture, 0)
    page.thumbnail((1200, 1600))  # a 12-megapixel phone photo shrinks to what the dialog can show
    return page


def read_scan(path: Path, progress: Progress, is_cancelled: IsCancelled) -> ScanRead:
    """The job: the first page's image, then the text (OCR where the engine is installed)."""
    preview = first_page(path)
    check_cancel(is_cancelled)
    installed = engine.engine_installed()
    reader = scan_reader(progress, is_cancelled) if installed else None
    if reader is None and path.suffix.lower() != ".pdf":
        return ScanRead(preview, None, NO_ENGINE)
    try:
        proposal = propose_from_file(path, read_scan=reader)  # without the engine: a PDF's text layer
    except UserFacingError:
        if not path.is_file():
            raise
        return ScanRead(preview, None, NO_TEXT if installed else NO_ENGINE)
    return ScanRead(preview, proposal)


def read_then_register(
    services: PageServices,
    parent: QWidget,
    path: Path,
    open_dialog: OpenDialog,
    on_cancelled: Callable[[str], None],
) -> None:
    """Starts the OCR and returns at once; the dialog opens when the pages are read."""
    office = services.ctx.settings.office()
    office_name = office.name if office else ""

    def done(read: ScanRead) -> None:
        preview = ScanPreview()
        preview.set_image(to_qimage(read.preview) if read.preview is not None else None)
        preview.set_note(read.note)
        proposal = read.proposal
        if proposal is None:
            open_dialog(DocumentInput("", office_name), (path,), preview)
            return
        preview.set_found(proposal.issuer, proposal.addressee)
        preview.set_text(proposal.text)
        open_dialog(registration_input(proposal, office_name), (path,), preview)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            on_cancelled(CANCELLED)
        else:
            show_error(parent, exc)

    services.runner.run(
        lambda progress, is_cancelled: read_scan(path, progress, is_cancelled),
        on_success=done,
        on_failure=failed,
        parent=parent,
        label=f"正在识别「{path.name}」的文字…",
    )

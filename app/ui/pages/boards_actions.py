"""The 公开栏 page's buttons: 登记张贴 (through the gate), 登记撤除, photos, 打印, 批量打印, 登记簿."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QInputDialog, QPushButton

from app.models.versioning import StaleRecordError
from app.services.common import IsCancelled, Progress
from app.services.postings import register as posting_register
from app.services.postings.pdf import render_batch
from app.services.postings.photos import heic_readable
from app.services.postings.sources import PostingSources
from app.services.postings.types import PhotoStage, PostingStatus, SourceKind
from app.services.review.kinds import ItemKind
from app.ui.dialogs.picker_dialog import PickerDialog
from app.ui.dialogs.posting_time_dialog import PostingTimeDialog, Submit
from app.ui.dialogs.register_period_dialog import RegisterPeriodDialog
from app.ui.errors import show_error, user_errors
from app.ui.pages import catalogue_link_actions
from app.ui.pages.boards_view import BoardsView
from app.ui.review_launch import start_review
from app.ui.widgets.pdf_preview import print_pdf
from app.ui.widgets.photo_strip import PhotoStrip


def photo_filter() -> str:
    """*.heic only where it can be read (pi-heif installed), so a chosen photo is never refused for it."""
    return f"照片 (*.jpg *.jpeg *.png{' *.heic *.heif' if heic_readable() else ''} *.bmp)"


class BoardsActions:
    def __init__(self, page: BoardsView) -> None:
        self.page = page
        ctx = page.services.ctx
        self.sources = PostingSources(ctx.sessions, ctx.documents, ctx.decisions)
        page.editor.source_button.clicked.connect(self.choose_source)
        self.review_button = self._button(
            "发起保密审查…", self.start_review, "先审查、后公开：张贴前须有审批通过的保密审查单"
        )
        self.post_button = self._button("登记张贴…", self.mark_posted, "保密审查通过后，登记实际张贴时间")
        self.post_photo = self._button("张贴照片…", lambda: self.add_photo(PhotoStage.POSTED), "上墙照片存档")
        self.remove_button = self._button(
            "登记撤除…", self.mark_removed, "公示期满后撤除；提前撤除需填写原因"
        )
        self.remove_photo = self._button(
            "撤除照片…", lambda: self.add_photo(PhotoStage.REMOVED), "撤除后照片存档"
        )
        page.buttons.addStretch(1)
        self.print_button = self._button(
            "打印…", self.print_current, "用系统打印对话框打印当前预览（Ctrl+P）"
        )
        self.batch_button = self._button(
            "批量打印…", self.batch_print, "把一个公开栏今天应张贴的全部公告一次打印"
        )
        self.register_button = self._button(
            "导出登记簿…", self.export_register, "按公开栏和期间导出张贴登记簿（Word 或 Excel）"
        )
        self.catalogue_button = catalogue_link_actions.posting_link_button(page)  # issue 23
        self.photos = PhotoStrip(ctx.attachments.path_of)
        self.photos.hide()
        page.root_layout.addWidget(self.photos)

    def _button(self, text: str, slot: object, tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(slot)
        self.page.buttons.addWidget(button)
        return button

    def update_buttons(self) -> None:
        info = self.page.current
        status = info.stored_status if info else None
        self.page.delete_button.setEnabled(status == PostingStatus.WAITING)
        self.page.save_button.setEnabled(info is None or status == PostingStatus.WAITING)
        self.post_button.setEnabled(status == PostingStatus.WAITING)
        self.review_button.setEnabled(status == PostingStatus.WAITING)
        self.photos.show_photos(info.photos if info else ())
        self.post_photo.setEnabled(status in (PostingStatus.POSTED, PostingStatus.ARCHIVED))
        self.remove_button.setEnabled(status == PostingStatus.POSTED)
        self.remove_photo.setEnabled(status == PostingStatus.ARCHIVED)
        if info is not None:
            photos = "、".join(
                f"{p.stage}照片 {p.taken_at:%Y-%m-%d %H:%M}" for p in info.photos if p.taken_at
            )
            text = f"{info.title}：{info.status.value}"
            if status == PostingStatus.WAITING:  # 待审查 and why: it prints with the mark (issue 19)
                text += f"；保密审查：{self.page.service.review(info.id).text}"
            if info.clearance:
                text += f"；审查依据：{info.clearance}"
            if info.early_removal_reason:
                text += f"；提前撤除原因：{info.early_removal_reason}"
            self.page.show_message(text + (f"；{photos}" if photos else "；还没有照片"))

    def _after_change(self, posting_id: int, done: str) -> None:
        self.page.apply_filter()
        self.page.select(posting_id)
        self.page.show_message(done)

    def open_dialog(self, dialog: PostingTimeDialog) -> bool:
        """Shows the dialog modally (tests replace this with `dialog.submit`)."""
        return dialog.exec() == PostingTimeDialog.DialogCode.Accepted

    def _time_dialog(self, removing: bool, submit: Submit) -> bool:
        info = self.page.current
        assert info is not None
        dialog = PostingTimeDialog(
            removing=removing,
            title=info.title,
            boards=info.draft.boards,
            period_end=info.period_end,
            clock=self.page.clock,
            submit=submit,
            photo_filter=photo_filter(),
            parent=self.page,
        )
        done = self.open_dialog(dialog)
        if dialog.stale:
            self.page.show_latest()
        if done and dialog.photo is not None:  # the photo chosen in the dialog is filed with it
            stage = PhotoStage.REMOVED if removing else PhotoStage.POSTED
            self.save_photo(info.id, stage, dialog.photo)
        return done

    def mark_posted(self) -> None:
        info = self.page.current
        if info is None:
            return
        service, actor = self.page.service, self.page.services.actor

        def submit(at: datetime, _reason: str) -> None:
            service.mark_posted(actor, info.id, at, info.version)

        if self._time_dialog(False, submit):
            self._after_change(info.id, "已登记张贴。请拍照存档（「张贴照片…」）。")

    def mark_removed(self) -> None:
        info = self.page.current
        if info is None:
            return
        service, actor = self.page.service, self.page.services.actor

        def submit(at: datetime, reason: str) -> None:
            service.mark_removed(actor, info.id, at, reason, info.version)

        if self._time_dialog(True, submit):
            self._after_change(info.id, "已登记撤除并存档。请补充撤除后的照片（「撤除照片…」）。")

    def add_photo(self, stage: PhotoStage) -> None:
        info = self.page.current
        if info is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
        name, _ = QFileDialog.getOpenFileName(self.page, f"选择{stage}照片", folder, photo_filter())
        if not name:
            return
        board = info.draft.boards[0] if len(info.draft.boards) == 1 else None
        if len(info.draft.boards) > 1:
            board, ok = QInputDialog.getItem(
                self.page, "照片拍的是", "公开栏：", list(info.draft.boards), 0, False
            )
            if not ok:
                return
        self.save_photo(info.id, stage, Path(name), board, info.version)

    def save_photo(
        self,
        posting_id: int,
        stage: PhotoStage,
        path: Path,
        board: str | None = None,
        version: int | None = None,
    ) -> None:
        """Files the photo in the background (`version`: refused if the posting changed meanwhile)."""
        service, actor = self.page.service, self.page.services.actor
        if board is None and len(boards := service.get(posting_id).draft.boards) == 1:
            board = boards[0]
        self.page.services.runner.run(
            lambda _p, _c: service.add_photo(actor, posting_id, stage, path, board, version),
            on_success=lambda photo: self._after_change(
                posting_id,
                f"已保存{stage}照片，拍摄时间 {photo.taken_at:%Y-%m-%d %H:%M}（{photo.taken_source}）",
            ),
            on_failure=self._photo_failed,
            parent=self.page,
            label="正在保存照片…",
        )

    def _photo_failed(self, error: BaseException) -> None:
        show_error(self.page, error)
        if isinstance(error, StaleRecordError):
            self.page.show_latest()

    def print_current(self) -> None:
        data = self.page.preview.data
        if not data:
            self.page.show_message("预览还没有生成，请先填写标题和正文。")
            return
        with user_errors(self.page) as attempt:  # as previewed: the stored posting once posted, else draft
            service, info = self.page.service, self.page.current
            if info is not None and info.stored_status != PostingStatus.WAITING:
                service.printable(info.id)
            else:
                service.check_printable(
                    service.preview(self.page.editor.collect(), info.id if info else None)
                )
        if not attempt.ok:
            return
        title = self.page.editor.title.text() or "公开栏张贴件"
        if print_pdf(data, self.page, title) and self.page.current is not None:
            self.page.show_message(f"已送打印：{title}")

    def _choose_board(self, title: str) -> str | None:
        boards = self.page.service.boards()
        if not boards:
            self.page.show_message("还没有公开栏，请先在「设置」中添加。")
            return None
        current = self.page.board_combo.currentData()
        index = boards.index(current) if current in boards else 0
        board, ok = QInputDialog.getItem(self.page, title, "公开栏：", boards, index, False)
        return board if ok else None

    def batch_print(self) -> None:
        board = self._choose_board("批量打印")
        if board is None:
            return
        service = self.page.service
        ids = service.due_on_board(board, self.page.clock.today())
        if not ids:
            self.page.show_message(f"「{board}」今天没有待张贴的公告。")
            return

        def job(progress: Progress, is_cancelled: IsCancelled) -> bytes:
            contents = [service.printable(posting_id) for posting_id in ids]  # none with personal data
            return render_batch(contents, progress, is_cancelled)

        def send(data: bytes) -> None:
            if print_pdf(data, self.page, f"{board} 待张贴公告（{len(ids)} 件）"):
                self.page.show_message(f"已把「{board}」的 {len(ids)} 件待张贴公告送打印。")

        self.page.services.runner.run(
            job,
            on_success=send,
            parent=self.page,
            label=f"正在排版「{board}」的 {len(ids)} 件公告…",
        )

    def export_register(self) -> None:
        boards = self.page.service.boards()
        if not boards:
            self.page.show_message("还没有公开栏，请先在「设置」中添加。")
            return
        dialog = RegisterPeriodDialog(
            boards, self.page.board_combo.currentData(), self.page.clock.today(), self.page
        )
        if dialog.exec() != RegisterPeriodDialog.DialogCode.Accepted:
            return
        board, start, end, suffix = dialog.values()
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / f"{board}张贴登记簿_{start:%Y%m%d}-{end:%Y%m%d}{suffix}")
        kind = "Excel 工作簿 (*.xlsx)" if suffix == ".xlsx" else "Word 文档 (*.docx)"
        name, _ = QFileDialog.getSaveFileName(self.page, "导出张贴登记簿", suggested, kind)
        if name:
            self.write_register(board, start, end, Path(name))

    def write_register(self, board: str, start: date, end: date, path: Path) -> None:
        """.xlsx when the name ends so, else .docx (the suffix is added when missing)."""
        if path.suffix.lower() not in (".xlsx", ".docx"):
            path = path.with_name(path.name + ".docx")
        ctx, actor = self.page.services.ctx, self.page.services.actor
        office = ctx.settings.office()
        unit = office.name if office else ""

        def job(progress: Progress, is_cancelled: IsCancelled) -> Path:
            if path.suffix.lower() == ".xlsx":
                posting_register.export_xlsx(
                    ctx.sessions, actor, board, start, end, path, progress, is_cancelled
                )
            else:
                posting_register.export_docx(ctx.sessions, actor, board, start, end, path, unit)
            return path

        self.page.services.runner.run(
            job,
            on_success=lambda saved: self.page.show_message(f"已导出：{saved}"),
            parent=self.page,
            label="正在导出张贴登记簿…",
        )

    # ---- 来源 and 保密审查 ---------------------------------------------------------------------------

    def choose_source(self) -> None:
        kinds = [(kind.label, kind.value) for kind in SourceKind if kind is not SourceKind.FREE]

        def fetch(kind: str, query: str) -> list[tuple[int, str]]:
            return [(c.id, c.label) for c in self.sources.choices(SourceKind(kind), query)]

        hint = "选中后会用它的标题和正文替换编辑区中的内容，可再修改。"
        dialog = PickerDialog("选择张贴内容的来源", kinds, fetch, hint, self.page)
        if dialog.exec() != PickerDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.apply_source(*dialog.chosen)

    def apply_source(self, kind: str, source_id: int, label: str) -> None:
        with user_errors(self.page) as attempt:
            prefill = self.sources.prefill(SourceKind(kind), source_id)
        if attempt.stale:
            self.page.show_latest()
        if not attempt.ok:
            return
        editor = self.page.editor
        editor.set_source(kind, source_id, label)
        editor.title.setText(prefill.title)
        editor.body.setPlainText(prefill.body)
        self.page.show_message(f"已带出「{prefill.title}」，请核对后保存。")

    def start_review(self) -> None:
        info = self.page.current
        if info is None:
            self.page.show_message("请先保存张贴件，再发起保密审查。")
            return
        start_review(self.page, self.page.services, ItemKind.POSTING.value, info.id, info.title)

"""公文登记's right-hand panel: the selected record (search terms highlighted) and its actions."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from app.services.documents.hit_pages import HitPlace
from app.services.documents.service import DocumentDetail
from app.services.review.kinds import ReviewLabel
from app.services.search.index import highlight_spans
from app.services.search.pages import page_note
from app.services.workdays.provisional import PROVISIONAL_LABEL, provisional_note
from app.ui.attachment_open import OFD_HINT, is_ofd

HIGHLIGHT = '<span style="background:#ffe58f">{}</span>'
WARN = "#b45309"
MIN_WIDTH = 260
PUBLISH_TIP = "须有审批通过的保密审查单（先审查、后公开）"


def highlighted(text: str, terms: list[str]) -> str:
    """HTML of `text` with the search terms marked (every piece escaped)."""
    out, position = [], 0
    for start, end in highlight_spans(text, terms):
        out += [html.escape(text[position:start]), HIGHLIGHT.format(html.escape(text[start:end]))]
        position = end
    out.append(html.escape(text[position:]))
    return "".join(out)


def review_lines(detail: DocumentDetail) -> list[str]:
    """保密审查: the gate's state; 待审查 and 未通过 in amber with the reason and what changed (issue 19)."""
    review = detail.review
    label = html.escape(review.label.value)
    if review.label in (ReviewLabel.WAITING, ReviewLabel.REFUSED, ReviewLabel.IN_REVIEW) and review.reason:
        lines = [f"保密审查：<b style='color:{WARN}'>{label}</b><br><span style='color:{WARN}'>"
                 f"{html.escape(review.reason)}</span>"]  # fmt: skip
        lines += [f"<span style='color:{WARN}'>　· {html.escape(line)}</span>" for line in review.details]
    else:
        number = review.sheet_number if review.label is ReviewLabel.CLEARED else ""
        lines = [f"保密审查：{label}" + (f"（{html.escape(number)}）" if number else "")]
    if detail.history_note:
        lines.append(html.escape(detail.history_note))
    return lines


def publication_lines(detail: DocumentDetail) -> list[str]:
    """公开时间 and, after a correction, each earlier publication with why it ended (issue 21)."""
    ended = [item for item in detail.publications if item.ended_at is not None]
    live = [item for item in detail.publications if item.ended_at is None]
    lines: list[str] = []
    if detail.published_at:
        channels = html.escape("、".join(detail.values.channels))
        lines.append(f"公开时间：{detail.published_at:%Y-%m-%d %H:%M}　{channels}")
    for item in ended:
        lines.append(
            f"<span style='color:{WARN}'>{item.published_at:%Y-%m-%d %H:%M} 的公开已于 "
            f"{item.ended_at:%Y-%m-%d %H:%M} 因修改结束：{html.escape(item.end_reason)}</span>"
        )
    if ended and live:
        lines.append(f"更正后重新公开：{live[-1].published_at:%Y-%m-%d %H:%M}")
    elif ended and detail.values.disclosure == "主动公开":
        lines.append(f"<span style='color:{WARN}'>修改后的内容审查通过后，请再登记公开</span>")
    return lines


def publish_state(button: QPushButton, detail: DocumentDetail | None) -> None:
    """「标记为已公开」 only for what can be published now; the tooltip says why not (issue 21)."""
    why = ""
    if detail is not None and detail.voided_at is not None:
        why = "这件公文已作废"
    elif detail is not None and detail.live and detail.published_at:
        why = f"已于 {detail.published_at:%Y-%m-%d %H:%M} 公开；如内容有误，请编辑并写明理由后重新审查"
    button.setEnabled(detail is not None and not why)
    button.setToolTip(why or PUBLISH_TIP)


def detail_lines(
    detail: DocumentDetail, terms: list[str], basis_labels: dict[str, str], hit: HitPlace | None = None
) -> list[str]:
    """The detail panel's HTML lines, the search terms highlighted in 标题, 索引号 and 文号; `hit`: the
    scan page the search matched (the clerk turns to it instead of reading every page)."""
    value = detail.values
    lines = [
        f"<b style='font-size:15px'>{highlighted(value.title, terms)}</b>",
        f"索引号：{highlighted(detail.index_no, terms)}",
        f"文号：{highlighted(value.doc_number, terms) or '无'}",
        f"发布机构：{html.escape(value.publisher)}",
        *([f"发文机关：{html.escape(value.issuer)}"] if value.issuer else []),
        *([f"主送：{html.escape(value.addressee)}"] if value.addressee else []),
        f"成文日期：{value.written_on or '未填'}　公开属性：{value.disclosure}",
    ]
    if value.withhold_reason:
        lines.append(
            f"理由：{html.escape(value.withhold_reason)}（{basis_labels.get(value.withhold_basis, '')}）"
        )
    if detail.voided_at is not None:
        lines.append(
            f"<b style='color:#c62828'>已作废</b>（{detail.voided_at:%Y-%m-%d %H:%M}）："
            f"{html.escape(detail.void_reason)}"
        )
    if detail.published_at or detail.publications:
        lines += publication_lines(detail)
    elif detail.publish_due:
        lines.append(f"应于 <b>{detail.publish_due}</b> 前主动公开（条例第二十六条）")
        if detail.publish_due_assumed:
            lines.append(html.escape(f"{PROVISIONAL_LABEL}：{provisional_note(detail.publish_due_assumed)}"))
    elif detail.due_problem:
        lines.append(html.escape(detail.due_problem))
    lines += review_lines(detail)
    if detail.same_number:
        lines.append(f"<span style='color:#b45309'>文号与 {'、'.join(detail.same_number)} 重复</span>")
    if value.normative and not detail.interpretations:
        lines.append("<span style='color:#b45309'>行政规范性文件尚未关联政策解读（三同步）</span>")
    if detail.next_review_on:
        lines.append(f"下次定期评估：{detail.next_review_on}（条例第十八条）")
    files = "<br>".join(f"· {html.escape(file.name)}" for file in detail.files) or "（无附件）"
    lines.append(f"附件：<br>{files}")
    if hit is not None:
        lines.append(f"<b>检索词见附件「{html.escape(hit.file_name)}」{page_note(hit.page)}</b>")
    if any(is_ofd(file.name) for file in detail.files):
        lines.append(f"<span style='color:#666666'>{OFD_HINT}（点下方「打开附件」）</span>")
    return lines


class DocumentDetailPanel(QFrame):
    """`detail` (rich text) and the buttons the page connects: edit, review, publish, attach, open_file."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("card", True)
        self.setMinimumWidth(MIN_WIDTH)
        self.detail = QLabel(placeholder)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.edit_button = QPushButton("编辑")
        self.review_button = QPushButton("填写保密审查单")
        self.publish_button = QPushButton("标记为已公开")
        self.publish_button.setToolTip(PUBLISH_TIP)
        self.attach_button = QPushButton("添加附件…")
        self.open_file_button = QPushButton("打开附件")
        self.remove_button = QPushButton("删除或作废…")
        self.remove_button.setToolTip("登记有误时：没有审查签署、公开或上报的可以删除，否则写明理由后作废")
        self.catalogue_label = QLabel()  # 「标准目录」: the catalogue items this document answers (issue 23)
        self.catalogue_label.setWordWrap(True)
        self.catalogue_label.setTextFormat(Qt.TextFormat.RichText)
        self.link_button = QPushButton("关联标准目录…")
        self.link_button.setToolTip("说明本件落实了标准目录中的哪一项，以便检查是否按时公开")
        side = QVBoxLayout(self)
        side.addWidget(self.detail, 1)
        side.addWidget(self.catalogue_label)
        side.addWidget(self.link_button)
        for button in (self.edit_button, self.review_button, self.publish_button, self.attach_button,
                       self.open_file_button, self.remove_button):  # fmt: skip
            side.addWidget(button)

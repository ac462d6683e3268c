"""依申请公开: 删除 or 作废 a wrongly registered case, and 作废 a letter issued by mistake (issue 21).

Each asks for the reason first (it goes into the audit log); the services refuse what is not allowed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from app.services.permissions import Actor
from app.services.requests.service import RequestService
from app.services.requests.types import LetterView, StepResult
from app.ui.dialogs import reason_dialog
from app.ui.errors import user_errors
from app.ui.widgets.request_case_view import RequestCaseView

if TYPE_CHECKING:
    _Base = QWidget
else:
    _Base = object  # the page itself is the QWidget; the mixin only adds methods

AFTER_VOID = (
    "作废后它不再出现在申请列表、年度报告和收费件数中；办理过程、文书和操作日志都保留，"
    "可在状态「已作废」中查看。"
)


class RequestRemovalActions(_Base):
    """Mixed into RequestsPage; the page provides the attributes declared here."""

    case_view: RequestCaseView
    _service: RequestService
    _actor: Actor

    if TYPE_CHECKING:

        @property
        def today(self) -> date: ...

        def _reload(self, result: StepResult | None = None) -> None: ...

        def show_list(self) -> None: ...

        def refresh(self) -> None: ...

    def remove_case(self) -> bool:
        """删除 while nothing depends on the case, else 作废; True when something changed."""
        detail = self.case_view.detail
        if detail is None:
            return False
        removal = self._service.removal
        with user_errors(self) as attempt:
            blockers = removal.blockers(detail.id)
        if not attempt.ok:
            return False
        name = f"申请 {detail.number}（{detail.applicant_name}）"
        if not blockers:
            message = f"删除{name}？\n删除后不能恢复，受理编号也不会再使用。"
            reason = reason_dialog.ask_reason(self, "删除申请", message, "删除")
            if reason is None:
                return False
            with user_errors(self) as attempt:
                removal.delete_case(self._actor, detail.id, reason)
            if attempt.ok:
                self.case_view.detail = None
                self.show_list()
                self.refresh()
            return attempt.ok
        message = f"{name}：{'、'.join(blockers)}，因此不能删除，只能作废。\n{AFTER_VOID}"
        reason = reason_dialog.ask_reason(self, "作废申请", message, "作废")
        if reason is None:
            return False
        with user_errors(self) as attempt:
            removal.void_case(self._actor, detail.id, reason, self.today)
        self._reload()
        return attempt.ok

    def void_letter(self, letter: LetterView) -> bool:
        message = (
            f"作废{letter.kind}（{letter.number}）？\n作废后它仍列在本案件的文书中并注明理由，"
            "文号不再使用；需要时请重新出具。"
        )
        reason = reason_dialog.ask_reason(self, "作废文书", message, "作废")
        if reason is None:
            return False
        with user_errors(self) as attempt:
            self._service.removal.void_letter(self._actor, letter.id, reason, self.today)
        self._reload()
        return attempt.ok

"""Whether an Excel ledger shows full ID numbers and phones: masked unless the clerk asks for them
(「包含完整证件号」) and the account may see them; the audit log says which it was."""

from __future__ import annotations

from dataclasses import dataclass

from app.services.permissions import Actor, Perm, require
from app.services.privacy.detector import AllowList, Masker, masker
from app.services.privacy.masking import unchanged

FULL, MASKED = "完整", "已遮盖"
INCLUDE_FULL_LABEL = "包含完整证件号"


@dataclass(frozen=True)
class ExportPrivacy:
    clean: Masker  # applied to every text cell
    full: bool

    @property
    def shown(self) -> str:
        """The audit log's note: 「完整」 or 「已遮盖」."""
        return FULL if self.full else MASKED


def export_privacy(actor: Actor, allow: AllowList, include_full: bool) -> ExportPrivacy:
    """Masked by default, even for an account that may see full numbers (a ledger travels by USB stick
    and e-mail); full only when asked for, and then refused without the right (个人信息保护法第五十一条)."""
    if not include_full:
        return ExportPrivacy(masker(allow), False)
    require(actor, Perm.UNMASK_PERSONAL_DATA)
    return ExportPrivacy(unchanged, True)

"""Steps signed with a pen on the printed 保密审查单, recorded by the clerk (issue 21).

In a town office the leaders sign the paper sheet; the clerk is the only person at the PC. A recorded step
names its real signer (from the office's signer list in 设置), the date written on the sheet and, for the
last step always, a scan of the signed page. Who recorded it and when is kept beside it; the gate still
needs every step.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models import Attachment
from app.models.document import ReviewSheet
from app.services.review.types import PaperSignoff, SheetDetail
from app.services.settings import registry

# What a scan or photo of a signed page may be, by suffix → the bytes such a file starts with.
SCAN_MAGIC = {
    ".pdf": b"%PDF-",
    ".png": b"\x89PNG\r\n\x1a\n",
    ".jpg": b"\xff\xd8\xff",
    ".jpeg": b"\xff\xd8\xff",
}
MAX_SCAN_BYTES = 30 * 1024 * 1024
SETTINGS_PATH = "「设置 → 单位与规则 → 纸质审查单签署人」"


def check_scan(path: Path) -> None:
    """A readable PDF, JPG or PNG of a sensible size; refused with what to do otherwise."""
    magic = SCAN_MAGIC.get(path.suffix.lower())
    if magic is None:
        raise UserFacingError(f"扫描件「{path.name}」不是 PDF、JPG 或 PNG 文件，请重新扫描或拍照后选择。")
    if not path.is_file():
        raise UserFacingError(f"找不到扫描件「{path}」，请确认文件还在原来的位置。")
    size = path.stat().st_size
    if size > MAX_SCAN_BYTES:
        raise UserFacingError(f"扫描件「{path.name}」超过 30 MB，请降低扫描分辨率后再选择。")
    with path.open("rb") as handle:
        head = handle.read(len(magic))
    if head != magic:
        raise UserFacingError(f"扫描件「{path.name}」已损坏或不是它的扩展名所说的格式，请重新扫描。")


def signer_role(session: Session, name: str) -> str:
    """The signer's role from the office's list; refused when the list is empty or lacks the name."""
    entries = registry.signer_entries(registry.PAPER_SIGNERS.read(session))
    if not entries:
        raise UserFacingError(f"还没有填写本单位的纸质审查单签署人，请管理员先在{SETTINGS_PATH}中填写。")
    roles = dict(entries)
    if name not in roles:
        raise UserFacingError(
            f"「{name or '（空）'}」不在本单位的签署人名单中（{'、'.join(roles)}），请从名单中选择；"
            f"名单可在{SETTINGS_PATH}中修改。"
        )
    return roles[name]


def check_paper(
    session: Session, row: ReviewSheet, current: SheetDetail, paper: PaperSignoff, today: date, clerk: str
) -> str:
    """Everything about a paper step the clerk can get wrong; returns the signer's role from the list."""
    name = paper.signer_name.strip()
    role = signer_role(session, name)
    if name == clerk:
        raise UserFacingError(
            f"「{name}」是当前登录的账户。本人签署的步骤请用「本人在系统内签署」，"
            "「录入纸质签署」只用于录入其他人在纸质审查单上的签字。"
        )
    if any(name == earlier.signer_name for earlier in current.signoffs):
        raise UserFacingError(f"「{name}」已签署了本单前面的步骤，同一张审查单的各步骤应由不同的人签署。")
    if paper.signed_on < row.filled_on:
        raise UserFacingError(
            f"签署日期 {paper.signed_on:%Y-%m-%d} 早于本单的填表日期 {row.filled_on:%Y-%m-%d}，"
            "请按纸质审查单上写的日期核对。"
        )
    if paper.signed_on > today:
        raise UserFacingError(f"签署日期 {paper.signed_on:%Y-%m-%d} 晚于今天，请按纸质审查单上写的日期核对。")
    earlier_dates = [s.paper_signed_on or s.signed_at.date() for s in current.signoffs]
    if earlier_dates and paper.signed_on < max(earlier_dates):
        raise UserFacingError(
            f"签署日期 {paper.signed_on:%Y-%m-%d} 早于前一步的签署日期 {max(earlier_dates):%Y-%m-%d}，"
            "各步骤应依次签署，请核对。"
        )
    final = len(current.signoffs) == len(current.steps) - 1
    if paper.scan is None and (final or registry.SCAN_EVERY_PAPER_STEP.read(session)):
        which = "最后一步" if final else "按本单位的设置，每一步"
        raise UserFacingError(f"{which}须附签字页的扫描件或照片（PDF、JPG 或 PNG），请点「选择扫描件…」。")
    if paper.scan is not None:
        check_scan(paper.scan)
    return role


def add_scan(session: Session, sha: str, size: int, name: str, media_type: str) -> int:
    """The scan's attachments row, in the step's own transaction (the blob is already stored)."""
    attachment = Attachment(sha256=sha, original_name=name, size=size, media_type=media_type)
    session.add(attachment)
    session.flush()
    return attachment.id

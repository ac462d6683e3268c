"""What may not go on the 公开栏 board: personal data anywhere in a posting's text (issue 19)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.services.postings.page import PostingContent
from app.services.privacy.detector import findings_in
from app.services.privacy.masking import office_allow

MAX_FINDINGS_SHOWN = 5


def refuse_personal_data(session: Session, content: PostingContent, doing: str) -> None:
    """条例第十五条: nothing with an ID number, a phone or a home address goes on the board — in the whole
    text, not its first lines. The office's own phone and address are public (设置 → 单位信息)."""
    fields = {"标题": content.title, "正文": content.body, "落款": content.unit}
    found = findings_in(fields, office_allow(session))
    if found:
        shown = "；".join(found[:MAX_FINDINGS_SHOWN])
        if len(found) > MAX_FINDINGS_SHOWN:
            shown += f"等 {len(found)} 处"
        raise UserFacingError(
            f"这件公告含有个人信息，不能{doing}：{shown}。请删去或遮盖后保存，重新审查后再{doing}。"
        )

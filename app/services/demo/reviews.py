"""The demo's 保密审查, done as a one-clerk town office does it (issue 21).

The demo administrator (also the 承办人) answers the 审查要点 and signs 承办人初审 in the app; 周强, 吴丽 and
孙华 sign the printed sheet with a pen, and the clerk records their steps from paper with a scan.

They are people of the demo story, on the office's signer list in 设置, not log-in accounts (single-account
mode stays on). Everything goes through ReviewService, as the clerk's own clicks would.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.review.kinds import ItemKind
from app.services.review.types import CHECK_ITEMS, STEP_PERMS, PaperSignoff, SheetDetail, SheetForm
from app.services.settings import registry

DEMO_SIGNERS = {
    "承办人初审": ("陈静", "党政办公室科员"),
    "科室负责人审核": ("周强", "党政办公室主任"),
    "保密审查员审查": ("吴丽", "保密审查员"),
    "分管领导审批": ("孙华", "分管副镇长"),
}
DEMO_OPINION = "经审查，不涉密，同意。"
SCAN_SIZE = (420, 594)  # an A4 page's proportions, small: the demo's stand-in for a phone photo


def _signer_list(ctx: AppContext, actor: Actor) -> None:
    """The demo office's signers in 设置, once."""
    if not ctx.settings.read(registry.PAPER_SIGNERS):
        value = "；".join(f"{name}（{role}）" for name, role in DEMO_SIGNERS.values())
        ctx.settings.set(actor, registry.PAPER_SIGNERS, value)


def _scan(folder: Path, sheet: SheetDetail) -> Path:
    """A plain stand-in for the photo of the signed page (lines where the text and signatures are)."""
    image = Image.new("L", SCAN_SIZE, 250)
    draw = ImageDraw.Draw(image)
    for top in range(60, SCAN_SIZE[1] - 40, 24):
        draw.line((40, top, SCAN_SIZE[0] - 40, top), fill=150, width=2)
    path = folder / f"{sheet.number}签字页.png"
    image.save(path, "PNG")
    return path


def demo_review(
    ctx: AppContext, actor: Actor, kind: ItemKind, item_id: int, steps: int, form: SheetForm | None = None
) -> SheetDetail:
    """A sheet for the item with its first `steps` steps signed (all of them: approved 同意公开)."""
    _signer_list(ctx, actor)
    reviews = ctx.reviews
    sheet = reviews.create(actor, kind, item_id, form)
    sheet = reviews.answer_checks(actor, sheet.id, {name: False for name in CHECK_ITEMS})
    with tempfile.TemporaryDirectory() as work:
        for step in sheet.steps[:steps]:
            if not sheet.signoffs and actor.can(STEP_PERMS[step]):
                sheet = reviews.sign(actor, sheet.id, True, DEMO_OPINION)
                continue
            name, role = DEMO_SIGNERS[step]
            final = len(sheet.signoffs) == len(sheet.steps) - 1
            paper = PaperSignoff(
                name, role, ctx.clock.today(), True, DEMO_OPINION, "同意公开" if final else "",
                _scan(Path(work), sheet) if final else None,
            )  # fmt: skip
            sheet = reviews.record_paper(actor, sheet.id, paper)
    return sheet

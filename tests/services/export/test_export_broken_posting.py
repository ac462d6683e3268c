"""Issue 19: one posted notice with an 80-column table broke every later export package for good. A posting
whose PDF cannot be rendered is left out with the reason, and the package is built with everything else."""

from __future__ import annotations

from pathlib import Path

from app.services.context import AppContext
from app.services.export.service import ExportMode
from app.services.export.verify import verify_package
from app.services.permissions import Actor
from tests.services.personal_data_support import CLEAN_TITLE, posted, posted_earlier, published_document

WIDE = 80


def _wide_table() -> str:
    header = "\t".join(f"第{n}月" for n in range(1, WIDE + 1))
    values = "\t".join(str(100 + n) for n in range(WIDE))
    return f"现将各村保洁经费明细公布如下。\n{header}\n{values}\n如有异议请向镇财政所反映。"


def test_a_posting_that_cannot_be_rendered_does_not_block_the_package(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    document = published_document(office_ctx, tmp_path, 1)
    good = posted(office_ctx, admin, "关于镇区道路改造施工的公告", "现将有关事项公告如下。")
    broken = posted_earlier(office_ctx, admin, "关于各村保洁经费明细的公示", _wide_table())

    plan = office_ctx.exports.preview(admin, ExportMode.FULL)
    reasons = {(left.kind, left.item_id): left.reason for left in plan.left_out}
    assert "80 列" in reasons[("posting", broken)] and "拆成" in reasons[("posting", broken)]
    assert {(i.kind, i.item_id) for i in plan.items} >= {("posting", good), ("document", document)}

    first = office_ctx.exports.build(admin, tmp_path / "第一次.zip")
    second = office_ctx.exports.build(admin, tmp_path / "第二次.zip")  # and every later one
    for result in (first, second):
        assert verify_package(result.file).ok
        assert ("posting", broken) in {(left.kind, left.item_id) for left in result.left_out}
    assert CLEAN_TITLE in {item.title for item in office_ctx.exports.items_of(first.export_id)}

"""500 hostile 工作要点 files (.txt in every encoding, .docx damaged or empty, plans with absurd dates and
counts) against `workplan import`: a calm refusal with nothing saved, or a plan saved exactly as previewed."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.services.context import AppContext
from app.services.permissions import Actor
from tests.fuzz.hostile import FUZZ, docx_files, text_files, texts
from tests.fuzz.support import changed, outcome, save, saved_state

pytestmark = pytest.mark.slow
NUMBERING = ("一、", "二、", "十一、", "（一）", "(二)", "1.", "12、", "（3）", "①", "⑳", "一二三四、", "")
TIMINGS = (
    "{m}月底前", "{m}月{d}日前", "{m}月{d}日至{m}月{d}日", "每季度开展{n}次", "每季度开展一二次",
    "全年不少于{n}次", "全年不少于一二次", "每月{d}日前", "第{q}季度", "次年一季度", "上半年", "年底前",
    "每年", "{m}月期间", "出台后的{n}个工作日内",
    "{y}年{m}月{d}日前", "牵头单位：党政办；责任单位：{t}", "（{t}牵头，{t}配合）", "（{t}负责）",
)  # fmt: skip


@st.composite
def plan_lines(draw: st.DrawFn) -> str:
    """One line of a plan: a numbered heading or sentence with time requirements and units, hostile bits
    in every slot."""
    small = st.one_of(st.integers(0, 99).map(str), st.sampled_from(("一", "十二", "两两两", "九十九", "999")))
    slots = {
        "m": draw(small),
        "d": draw(small),
        "n": draw(small),
        "q": draw(st.sampled_from(("一", "四", "五", "1", "9"))),
        "y": draw(st.sampled_from(("2026", "99999", "0000", "2100"))),
        "t": draw(texts(12)),
    }
    parts = draw(st.lists(st.sampled_from(TIMINGS), max_size=3))
    body = (
        draw(texts(30))
        + "".join(part.format(**slots) for part in parts)
        + draw(st.sampled_from(("。", "；", "")))
    )
    return draw(st.sampled_from(NUMBERING)) + body


def plans() -> st.SearchStrategy[str]:
    title = st.sampled_from(("2026年政务公开工作要点", "关于印发99999年工作要点的通知", "", "字" * 300))
    return st.builds(lambda t, lines: "\n".join([t, *lines]), title, st.lists(plan_lines(), max_size=12))


FILES = st.one_of(
    st.tuples(text_files(plans()), st.sampled_from(("要点.txt", "要点.TXT", "要点", "要点.text"))),
    st.tuples(docx_files(plan_lines()), st.sampled_from(("要点.docx", "要点.DOCX"))),
    st.tuples(st.binary(max_size=200), st.sampled_from(("要点.doc", "要点.pdf", "要点.wps"))),
)
YEARS = st.one_of(st.none(), st.integers(1999, 2101), st.sampled_from((0, -1, 10**20)))


@given(file=FILES, year=YEARS)
@FUZZ
def test_workplan_import(
    office_ctx: AppContext, admin: Actor, tmp_path: Path, file: tuple[bytes, str], year: int | None
) -> None:
    data, name = file
    service = office_ctx.workplan
    before = saved_state(office_ctx)
    preview = outcome(lambda: service.preview_file(save(tmp_path, name, data), year))
    if isinstance(preview, UserFacingError):
        assert saved_state(office_ctx) == before
        return
    result = outcome(lambda: service.import_plan(admin, preview))
    delta = changed(before, saved_state(office_ctx))
    if isinstance(result, UserFacingError):
        assert delta == {}
    else:
        assert delta.get("work_plans", 0) == 1 and delta.get("work_tasks", 0) == preview.instances
        assert result.instances == preview.instances and result.task_items == preview.task_items

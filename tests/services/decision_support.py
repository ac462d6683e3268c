"""Shared helpers for the 决策目录 tests: drafts, a recorded gate, and a full set of stage records."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.models.decision import Stage
from app.services.decisions.stages import StageRecord
from app.services.decisions.types import ItemDraft, Procedures

ALL_PROCEDURES = Procedures(True, True, True, True, True, True)


def draft(name: str, planned: date = date(2025, 9, 30), procedures: Procedures | None = None) -> ItemDraft:
    return ItemDraft(
        name,
        "赵巷镇人民政府",
        "镇建设和管理办公室",
        "《重大行政决策程序暂行条例》",
        procedures or Procedures(),
        planned,
    )


class GateRecorder:
    """Stands in for the 保密审查 gate: records each call; `refuse` makes it say no."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, datetime]] = []
        self.refuse = ""

    def __call__(self, _session: object, kind: str, item_id: int, when: datetime) -> None:
        from app.errors import UserFacingError

        if self.refuse:
            raise UserFacingError(self.refuse)
        self.calls.append((kind, item_id, when))


def install_gate(monkeypatch: pytest.MonkeyPatch) -> GateRecorder:
    recorder = GateRecorder()
    monkeypatch.setattr("app.services.decisions.publication.require_publication_review", recorder)
    monkeypatch.setattr("app.services.decisions.process.require_publication_review", recorder)
    return recorder


# One decision carried through every stage; the meeting (2025-09-29) is followed by 国庆+中秋 2025.
FULL_FLOW: tuple[StageRecord, ...] = (
    StageRecord(Stage.START, date(2025, 4, 10), people="镇建设和管理办公室", result="镇长办公会决定启动"),
    StageRecord(
        Stage.CONSULT,
        date(2025, 6, 5),
        started_on=date(2025, 5, 6),
        channels="镇政府网站、镇政府公开栏",
        opinions_received=12,
        opinions_adopted=9,
        not_adopted_reasons="3条涉及区级事权，已转区房管局研究",
    ),
    StageRecord(
        Stage.HEARING,
        date(2025, 6, 18),
        started_on=date(2025, 6, 10),
        channels="2025年6月3日 镇政府网站",
        people="居民代表8人、人大代表2人、专家1人",
        result="多数代表支持加装电梯纳入改造",
    ),
    StageRecord(Stage.EXPERT, date(2025, 6, 25), channels="论证会", people="王工、李工", result="方案可行"),
    StageRecord(Stage.RISK, date(2025, 7, 10), people="镇平安办", result="风险等级低，已制定施工扰民预案"),
    StageRecord(
        Stage.LEGALITY, date(2025, 9, 24), started_on=date(2025, 9, 15), people="镇司法所", result="合法"
    ),
    StageRecord(
        Stage.MEETING,
        date(2025, 9, 29),
        channels="镇政府常务会议（2025年第12次）",
        people="居民代表张某",
        result="原则通过",
        dissent="无",
    ),
    StageRecord(Stage.PUBLISH, date(2025, 9, 30), channels="镇政府网站", result="赵府发〔2025〕18号"),
    StageRecord(
        Stage.FEEDBACK, date(2025, 10, 17), channels="镇政府网站", result="采纳9条，未采纳3条并说明理由"
    ),
)

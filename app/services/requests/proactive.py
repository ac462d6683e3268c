"""依申请转主动 (条例第四十四条): the same releasable information asked for by two or more applicants."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from app.models.request import RequestCase
from app.services.common import SessionFactory
from app.services.requests.types import CaseStatus

RELEASED = ("R3.1", "R3.2")  # 予以公开 / 部分公开: information that can be public
MIN_APPLICANTS = 2  # 条例第四十四条：多个申请人就相同政府信息向同一行政机关提出公开申请
SIMILARITY = 0.6  # share of character pairs two descriptions must have in common (product choice)
NOISE = re.compile(r"[\s\W_]+", re.UNICODE)
FILLER = ("申请公开", "请求公开", "要求公开", "申请获取", "关于", "的信息", "相关信息", "政府信息")


@dataclass(frozen=True)
class ProactiveProposal:
    """An offer to register the information as a 主动公开 document (the document register creates it)."""

    description: str  # the wording of the earliest case
    case_ids: tuple[int, ...]
    numbers: tuple[str, ...]
    applicants: tuple[str, ...]
    reason: str


def _pairs(text: str) -> frozenset[str]:
    clean = text
    for word in FILLER:
        clean = clean.replace(word, "")
    clean = NOISE.sub("", clean)[:400]
    return frozenset(clean[i : i + 2] for i in range(len(clean) - 1))


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / len(a | b) >= SIMILARITY


def find_proposals(sessions: SessionFactory, case_id: int | None = None) -> list[ProactiveProposal]:
    """Groups of released cases with similar descriptions from at least two different applicants."""
    with sessions() as session:
        rows = session.execute(
            select(
                RequestCase.id,
                RequestCase.number,
                RequestCase.applicant_id,
                RequestCase.applicant_name,
                RequestCase.description,
            )
            .where(RequestCase.outcome.in_(RELEASED), RequestCase.status != CaseStatus.VOIDED.value)
            .order_by(RequestCase.id)
        ).all()
    grams = {row.id: _pairs(row.description) for row in rows}
    index: defaultdict[str, set[int]] = defaultdict(set)
    for row in rows:
        for gram in grams[row.id]:
            index[gram].add(row.id)
    by_id = {row.id: row for row in rows}
    seen: set[int] = set()
    proposals: list[ProactiveProposal] = []
    for row in rows:
        if row.id in seen or (case_id is not None and case_id not in by_id):
            continue
        candidates = set().union(*(index[g] for g in grams[row.id])) if grams[row.id] else set()
        group = sorted(c for c in candidates if c == row.id or _similar(grams[row.id], grams[c]))
        applicants = {by_id[c].applicant_id for c in group}
        if len(applicants) < MIN_APPLICANTS:
            continue
        if case_id is not None and case_id not in group:
            continue
        seen.update(group)
        proposals.append(
            ProactiveProposal(
                description=row.description,
                case_ids=tuple(group),
                numbers=tuple(by_id[c].number for c in group),
                applicants=tuple(dict.fromkeys(by_id[c].applicant_name for c in group)),
                reason=f"{len(applicants)} 位申请人申请了相同的可公开信息，"
                "可纳入主动公开范围（条例第四十四条）。",
            )
        )
    return proposals


def proposal_for(sessions: SessionFactory, case_id: int) -> ProactiveProposal | None:
    found = find_proposals(sessions, case_id)
    return found[0] if found else None

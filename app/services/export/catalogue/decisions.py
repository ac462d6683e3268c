"""重大行政决策 as a catalogue source (RULES §4): the items of a published 决策事项目录, and each 决策结果.

A directory item is published with its year's directory (reviewed as one 保密审查单 for the directory);
a 决策结果 once the 「决策公布」 stage is recorded, which `save_stage` allows only after the gate passed.
An item decided at the 集体讨论决定 but not yet published is listed too, so the preview can say why not.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.models import Attachment
from app.models.decision import DecisionDirectory, DecisionItem, DecisionStage, DecisionStageAttachment, Stage
from app.services.common import SessionFactory
from app.services.decisions.types import DirectoryStatus, ItemStatus
from app.services.export.catalogue.base import PROACTIVE, CatalogueFile, CatalogueItem, cut_summary
from app.services.export.catalogue.postings import index_no

SUMMARY_CHARS = 200


class DecisionCatalogueSource:
    def __init__(self, sessions: SessionFactory, org_code: str = "") -> None:
        self._sessions, self._org = sessions, org_code

    def items(self, since: datetime | None) -> Iterator[CatalogueItem]:
        with self._sessions() as session:
            query = (
                select(DecisionItem, DecisionDirectory)
                .join(DecisionDirectory, DecisionDirectory.id == DecisionItem.directory_id)
                .order_by(DecisionDirectory.year, DecisionItem.seq, DecisionItem.id)
            )
            if since is not None:
                query = query.where(
                    or_(DecisionItem.updated_at >= since, DecisionDirectory.updated_at >= since)
                )
            pairs = [(item, directory) for item, directory in session.execute(query)]
            stages = self._stages(session, [item.id for item, _ in pairs])
            files = self._files(session, [row.id for row in stages.values() if row.stage == Stage.PUBLISH])
            session.expunge_all()
        for item, directory in pairs:
            yield self._directory_item(item, directory)
            publish = stages.get((item.id, Stage.PUBLISH.value))
            meeting = stages.get((item.id, Stage.MEETING.value))
            if publish is not None or (meeting is not None and meeting.done_on is not None):
                yield self._result(item, directory, publish, meeting, files)

    @staticmethod
    def _stages(session: Session, item_ids: list[int]) -> dict[tuple[int, str], DecisionStage]:
        wanted = (Stage.PUBLISH.value, Stage.MEETING.value)
        found: dict[tuple[int, str], DecisionStage] = {}
        for start in range(0, len(item_ids), 500):
            chunk = item_ids[start : start + 500]
            query = select(DecisionStage).where(
                DecisionStage.item_id.in_(chunk), DecisionStage.stage.in_(wanted)
            )
            for row in session.scalars(query):
                found[(row.item_id, row.stage)] = row
        return found

    @staticmethod
    def _files(session: Session, stage_ids: list[int]) -> dict[int, list[CatalogueFile]]:
        files: dict[int, list[CatalogueFile]] = {}
        for start in range(0, len(stage_ids), 500):
            query = (
                select(
                    DecisionStageAttachment.stage_id,
                    Attachment.sha256,
                    Attachment.original_name,
                    Attachment.size,
                )
                .join(Attachment, Attachment.id == DecisionStageAttachment.attachment_id)
                .where(DecisionStageAttachment.stage_id.in_(stage_ids[start : start + 500]))
                .order_by(DecisionStageAttachment.id)
            )
            for stage_id, sha, name, size in session.execute(query):
                files.setdefault(stage_id, []).append(CatalogueFile(sha, name, size))
        return files

    def _directory_item(self, item: DecisionItem, directory: DecisionDirectory) -> CatalogueItem:
        planned = item.planned_on.isoformat()
        summary = f"决策主体：{item.subject}；承办单位：{item.undertaker}；计划完成时间：{planned}"
        return CatalogueItem(
            kind="decision_directory",
            item_id=item.id,
            index_no=index_no(self._org, "JC", directory.year, item.id),
            title=item.name,
            summary=cut_summary(summary, SUMMARY_CHARS),
            created=directory.published_on,
            publisher=item.subject,
            doc_no=directory.doc_number,
            topic="",
            genre="重大行政决策事项目录",
            channels="政府网站",
            validity="有效" if item.status == ItemStatus.ACTIVE.value else "已撤销",
            updated_at=max(item.updated_at, directory.updated_at),
            disclosure=PROACTIVE,
            published=directory.status == DirectoryStatus.PUBLISHED.value,
            review_kind="decision_directory",
            review_id=directory.id,
        )

    def _result(
        self,
        item: DecisionItem,
        directory: DecisionDirectory,
        publish: DecisionStage | None,
        meeting: DecisionStage | None,
        files: dict[int, list[CatalogueFile]],
    ) -> CatalogueItem:
        published = publish is not None and publish.done_on is not None
        source = publish or meeting
        assert source is not None
        text = publish.result if publish else ""
        return CatalogueItem(
            kind="decision_result",
            item_id=item.id,
            index_no=index_no(self._org, "JG", directory.year, item.id),
            title=f"{item.name}决策结果",
            summary=cut_summary(text, SUMMARY_CHARS),
            created=publish.done_on if publish else None,
            publisher=item.subject,
            doc_no="",
            topic="",
            genre="决策结果",
            channels=publish.channels if publish else "",
            validity="有效" if item.status == ItemStatus.ACTIVE.value else "已撤销",
            files=tuple(files.get(publish.id, ())) if publish else (),
            updated_at=max(item.updated_at, source.updated_at),
            disclosure=PROACTIVE,
            published=published,
        )

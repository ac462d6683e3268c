"""主题分类 (RULES §7.1, the gov.cn two-level tree) and 体裁分类 (RULES §7.2): editable seed data."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.errors import UserFacingError
from app.models.document import TaxonomyTerm
from app.services.audit import chain as audit
from app.services.audit.chain import Action
from app.services.common import SessionFactory
from app.services.permissions import Actor, Perm, require

TOPIC, GENRE = "主题", "体裁"
SEPARATOR = "\\"  # displayed 「大类\小类」, as on gov.cn
OTHER = "其他"
# RULES §7.1 (gov.cn policy library); offices may rename or add (e.g. 「民政、乡村振兴、救灾」).
TOPICS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "国务院组织机构",
        (
            "国务院",
            "国务院办公厅",
            "国务院组成部门",
            "国务院直属特设机构",
            "国务院直属机构",
            "国务院办事机构",
            "国务院直属事业单位",
            "国务院部委管理的国家局",
            "国务院议事协调机构",
            OTHER,
        ),
    ),
    (
        "综合政务",
        ("政务公开", "政务督查", "应急管理", "电子政务", "文秘工作", "保密工作", "信访", "参事、文史", OTHER),
    ),
    (
        "国民经济管理、国有资产监管",
        ("宏观经济", "经济体制改革", "统计", "物价", "国有资产监管", "重大建设项目", OTHER),
    ),
    (
        "财政、金融、审计",
        ("财政", "税务", "银行", "货币（含外汇）", "证券", "保险", "社会信用体系建设", "审计", OTHER),
    ),
    ("国土资源、能源", ("土地", "矿产", "水资源", "海洋", "煤炭", "石油与天然气", "电力", OTHER)),
    ("农业、林业、水利", ("农业、畜牧业、渔业", "林业", "水利", OTHER)),
    (
        "工业、交通",
        (
            "机械制造与重工业",
            "轻工纺织",
            "化工",
            "国防工业",
            "航天、航空",
            "信息产业（含电信）",
            "公路",
            "水运",
            "铁路",
            "民航",
            "邮政",
            OTHER,
        ),
    ),
    ("商贸、海关、旅游", ("对外经贸合作", "国内贸易（含供销）", "海关", "检验、检疫", "旅游", OTHER)),
    ("市场监管、安全生产监管", ("工商", "质量监督", "标准", "食品药品监管", "安全生产监管", OTHER)),
    (
        "城乡建设、环境保护",
        (
            "城市规划",
            "城乡建设（含住房）",
            "环境监测、保护与治理",
            "节能与资源综合利用",
            "气象、水文、测绘、地震",
            OTHER,
        ),
    ),
    ("科技、教育", ("科技", "教育", "知识产权", OTHER)),
    ("文化、广电、新闻出版", ("文化", "文物", "新闻出版", "广播、电影、电视", OTHER)),
    ("卫生、体育", ("卫生", "医药管理", "体育", OTHER)),
    ("人口与计划生育、妇女儿童工作", ("人口与计划生育", "妇女儿童", OTHER)),
    ("劳动、人事、监察", ("劳动就业", "社会保障", "人事工作", "军转安置", "监察", "纠正行业不正之风", OTHER)),
    ("公安、安全、司法", ("公安", "国家安全", "司法", OTHER)),
    ("民政、扶贫、救灾", ("减灾救灾", "优抚安置", "社会福利", "行政区划与地名", "社团管理", "扶贫", OTHER)),
    ("民族、宗教", ("民族事务", "宗教事务")),
    ("对外事务", ("外交、外事", "国际条约、国际组织", OTHER)),
    ("港澳台侨工作", ("港澳工作", "对台工作", "侨务工作")),
    ("国防", ("国防建设", "国防动员")),
    (OTHER, ()),
)
# 《党政机关公文处理工作条例》 15 文种 + 其他 (RULES §7.2).
GENRES: tuple[str, ...] = (
    "决议", "决定", "命令（令）", "公报", "公告", "通告", "意见", "通知",
    "通报", "报告", "请示", "批复", "议案", "函", "纪要", OTHER,
)  # fmt: skip
MAX_TERM = 60


@dataclass(frozen=True)
class TopicGroup:
    name: str
    children: tuple[str, ...]


def topic_value(group: str, child: str = "") -> str:
    return f"{group}{SEPARATOR}{child}" if child else group


def seed_taxonomy(sessions: SessionFactory) -> bool:
    """Insert the seed lists once (idempotent); the office edits them afterwards."""
    with sessions.begin() as session:
        if session.scalar(select(func.count()).select_from(TaxonomyTerm)):
            return False
        for order, (group, children) in enumerate(TOPICS):
            parent = TaxonomyTerm(kind=TOPIC, name=group, sort_order=order, active=True)
            session.add(parent)
            session.flush()
            for child_order, child in enumerate(children):
                session.add(
                    TaxonomyTerm(
                        kind=TOPIC, parent_id=parent.id, name=child, sort_order=child_order, active=True
                    )
                )
        for order, genre in enumerate(GENRES):
            session.add(TaxonomyTerm(kind=GENRE, name=genre, sort_order=order, active=True))
    return True


class TaxonomyService:
    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def topics(self) -> list[TopicGroup]:
        with self._sessions() as session:
            rows = list(
                session.scalars(
                    select(TaxonomyTerm)
                    .where(TaxonomyTerm.kind == TOPIC, TaxonomyTerm.active)
                    .order_by(TaxonomyTerm.sort_order, TaxonomyTerm.id)
                )
            )
        groups = [row for row in rows if row.parent_id is None]
        return [
            TopicGroup(group.name, tuple(row.name for row in rows if row.parent_id == group.id))
            for group in groups
        ]

    def topic_values(self) -> list[str]:
        """Every selectable 「大类\\小类」 (or the 大类 alone when it has no 小类)."""
        values: list[str] = []
        for group in self.topics():
            values += [topic_value(group.name, child) for child in group.children] or [group.name]
        return values

    def genres(self) -> list[str]:
        with self._sessions() as session:
            return list(
                session.scalars(
                    select(TaxonomyTerm.name)
                    .where(TaxonomyTerm.kind == GENRE, TaxonomyTerm.active)
                    .order_by(TaxonomyTerm.sort_order, TaxonomyTerm.id)
                )
            )

    def add_term(self, actor: Actor, kind: str, name: str, parent: str = "") -> None:
        require(actor, Perm.EDIT_OFFICE)
        clean = name.strip()
        if not clean or len(clean) > MAX_TERM or SEPARATOR in clean:
            raise UserFacingError(f"分类名称请填写 1～{MAX_TERM} 个字，不要包含「{SEPARATOR}」。")
        with self._sessions.begin() as session:
            parent_id = _parent_id(session, parent) if kind == TOPIC and parent else None
            same = session.scalars(
                select(TaxonomyTerm).where(TaxonomyTerm.kind == kind, TaxonomyTerm.name == clean)
            )
            existing = next((row for row in same if row.parent_id == parent_id), None)
            if existing is not None:
                existing.active = True
            else:
                session.add(
                    TaxonomyTerm(kind=kind, parent_id=parent_id, name=clean, sort_order=999, active=True)
                )
            audit.record(session, actor, Action.CREATE, f"{kind}分类", clean, parent=parent)

    def remove_term(self, actor: Actor, kind: str, name: str, parent: str = "") -> None:
        """Hidden, not deleted: documents keep the value they were registered with."""
        require(actor, Perm.EDIT_OFFICE)
        with self._sessions.begin() as session:
            parent_id = _parent_id(session, parent) if kind == TOPIC and parent else None
            rows = session.scalars(
                select(TaxonomyTerm).where(TaxonomyTerm.kind == kind, TaxonomyTerm.name == name)
            )
            for row in rows:
                if row.parent_id == parent_id:
                    row.active = False
            audit.record(session, actor, Action.DELETE, f"{kind}分类", name, parent=parent)


def _parent_id(session: Session, parent: str) -> int:
    found = session.scalar(
        select(TaxonomyTerm.id).where(
            TaxonomyTerm.kind == TOPIC, TaxonomyTerm.parent_id.is_(None), TaxonomyTerm.name == parent
        )
    )
    if found is None:
        raise UserFacingError(f"没有名为「{parent}」的主题大类。")
    return found

"""The 21 outcomes of the annual report's table 三 as data (RULES §2.3, §2.4, §1.8, §1.9)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.errors import UserFacingError

REGULATION = "《中华人民共和国政府信息公开条例》"


class RemedyKind(StrEnum):
    # 行政复议法（2023）第二十三条第一款第（四）项：不予公开须先申请行政复议（复议前置）
    REVIEW_FIRST = "复议前置"
    # 行政复议法第二十条（60日）或行政诉讼法第四十六条（6个月）
    REVIEW_OR_SUIT = "复议或诉讼"


REVIEW_DAYS = 60  # 行政复议法（2023）第二十条：自知道该行政行为之日起六十日内
SUIT_MONTHS = 6  # 行政诉讼法第四十六条：自知道作出行政行为之日起六个月内


@dataclass(frozen=True)
class Outcome:
    key: str  # R3.1 … R3.6.3
    group: str  # （一）予以公开 … without numbering: 予以公开, 不予公开 …
    leaf: str  # the exact table-三 row label, e.g. 1.属于国家秘密 ("" for R3.1/R3.2)
    short: str  # as the ledger writes it: 属于国家秘密, 申请人无正当理由逾期不补正
    basis: str  # the legal basis cited in the answer letter
    statement: str  # the standard sentence of the 答复告知书
    remedy: RemedyKind

    @property
    def ledger_label(self) -> str:
        """Excel 办理结果: group/leaf without numbering, e.g. 不予公开/属于国家秘密, or 予以公开."""
        return f"{self.group}/{self.short}" if self.short else self.group

    @property
    def label(self) -> str:
        return self.ledger_label


def _o(key: str, group: str, leaf: str, basis: str, statement: str, remedy: RemedyKind) -> Outcome:
    short = (leaf.split(".", 1)[1] if "." in leaf else leaf).split("、行政机关不再处理")[0]
    return Outcome(key, group, leaf, short, basis, statement, remedy)


_OR = RemedyKind.REVIEW_OR_SUIT
_FIRST = RemedyKind.REVIEW_FIRST
_REFUSE = "经审查，您申请公开的政府信息依法不予公开，理由如下："

OUTCOMES: tuple[Outcome, ...] = (
    _o(
        "R3.1",
        "予以公开",
        "",
        f"{REGULATION}第三十六条第（一）项、第（二）项",
        "经审查，您申请公开的政府信息属于公开范围，现予以公开。",
        _OR,
    ),
    # 部分公开 contains a refusal: 复议前置 is applied too (RULES §1.9 inference [U]).
    _o(
        "R3.2",
        "部分公开",
        "",
        f"{REGULATION}第三十七条",
        "经审查，您申请公开的政府信息中含有不应当公开的内容，但能够作区分处理，现提供可以公开的内容，"
        "对不予公开的内容说明理由如下：",
        _FIRST,
    ),
    _o("R3.3.1", "不予公开", "1.属于国家秘密", f"{REGULATION}第十四条", _REFUSE, _FIRST),
    _o("R3.3.2", "不予公开", "2.其他法律行政法规禁止公开", f"{REGULATION}第十四条", _REFUSE, _FIRST),
    _o("R3.3.3", "不予公开", "3.危及“三安全一稳定”", f"{REGULATION}第十四条", _REFUSE, _FIRST),
    _o(
        "R3.3.4",
        "不予公开",
        "4.保护第三方合法权益",
        f"{REGULATION}第十五条、第三十二条",
        _REFUSE,
        _FIRST,
    ),
    _o("R3.3.5", "不予公开", "5.属于三类内部事务信息", f"{REGULATION}第十六条第一款", _REFUSE, _FIRST),
    _o("R3.3.6", "不予公开", "6.属于四类过程性信息", f"{REGULATION}第十六条第二款", _REFUSE, _FIRST),
    _o("R3.3.7", "不予公开", "7.属于行政执法案卷", f"{REGULATION}第十六条第二款", _REFUSE, _FIRST),
    _o("R3.3.8", "不予公开", "8.属于行政查询事项", f"{REGULATION}第十六条第二款", _REFUSE, _FIRST),
    _o(
        "R3.4.1",
        "无法提供",
        "1.本机关不掌握相关政府信息",
        f"{REGULATION}第三十六条第（四）项、第（五）项",
        "经检索，本机关未制作或者获取您申请公开的政府信息，该政府信息不存在。",
        _OR,
    ),
    _o(
        "R3.4.2",
        "无法提供",
        "2.没有现成信息需要另行制作",
        f"{REGULATION}第三十八条",
        "您申请公开的信息需要本机关对现有政府信息进行加工、分析后才能形成，本机关不予提供。",
        _OR,
    ),
    _o(
        "R3.4.3",
        "无法提供",
        "3.补正后申请内容仍不明确",
        f"{REGULATION}第二十九条、第三十条",
        "您补正后的申请内容仍不明确，本机关无法确定您所需要的政府信息，无法提供。",
        _OR,
    ),
    _o(
        "R3.5.1",
        "不予处理",
        "1.信访举报投诉类申请",
        f"{REGULATION}第三十九条第一款",
        "您以政府信息公开申请的形式进行信访、投诉、举报，本机关不作为政府信息公开申请处理，"
        "您可以通过相应渠道提出。",
        _OR,
    ),
    _o(
        "R3.5.2",
        "不予处理",
        "2.重复申请",
        f"{REGULATION}第三十六条第（六）项",
        "本机关已就您申请公开的政府信息作出过答复，您重复申请公开相同的政府信息，本机关不予重复处理。",
        _OR,
    ),
    _o(
        "R3.5.3",
        "不予处理",
        "3.要求提供公开出版物",
        f"{REGULATION}第三十九条第二款",
        "您要求提供的是公开出版物，本机关不予处理，您可以通过以下途径获取：",
        _OR,
    ),
    _o(
        "R3.5.4",
        "不予处理",
        "4.无正当理由大量反复申请",
        f"{REGULATION}第三十五条",
        "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。",
        _OR,
    ),
    _o(
        "R3.5.5",
        "不予处理",
        "5.要求行政机关确认或重新出具已获取信息",
        f"{REGULATION}第三十九条",
        "您要求本机关确认或者重新出具已获取的信息，不属于政府信息公开申请的处理范围，本机关不予处理。",
        _OR,
    ),
    _o(
        "R3.6.1",
        "其他处理",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        f"{REGULATION}第三十条",
        "您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。",
        _OR,
    ),
    _o(
        "R3.6.2",
        "其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        "您未在收到收费通知次日起20个工作日内缴纳信息处理费，视为放弃申请，本机关不再处理该政府信息公开申请。",
        _OR,
    ),
    _o("R3.6.3", "其他处理", "3.其他", REGULATION, "现将处理情况告知如下：", _OR),
)

BY_KEY: dict[str, Outcome] = {outcome.key: outcome for outcome in OUTCOMES}
BY_LEDGER_LABEL: dict[str, Outcome] = {outcome.ledger_label: outcome for outcome in OUTCOMES}
GROUPS: tuple[str, ...] = tuple(dict.fromkeys(outcome.group for outcome in OUTCOMES))
ABANDONED_CORRECTION = "R3.6.1"
ABANDONED_FEE = "R3.6.2"
OTHER = "R3.6.3"


def outcome(key: str | None) -> Outcome:
    if not key:
        raise UserFacingError("答复必须选择一种办理结果（年度报告表三的 21 种情形之一），请先选择。")
    found = BY_KEY.get(key)
    if found is None:
        raise UserFacingError(f"未知的办理结果「{key}」，请从列表中选择。")
    return found


def from_ledger_label(text: str) -> Outcome:
    """Parse an Excel 办理结果 (also accepts the numbered leaf or the full row label)."""
    clean = text.strip().replace("／", "/").replace(" ", "")
    found = BY_LEDGER_LABEL.get(clean)
    if found is None and "/" in clean:
        group, leaf = clean.split("/", 1)
        full = {o.leaf: o for o in OUTCOMES if o.group == group} | {
            o.leaf.split(".", 1)[-1]: o for o in OUTCOMES if o.group == group
        }
        found = full.get(leaf)
    if found is None:
        raise UserFacingError(
            f"办理结果「{text[:40]}」不是年度报告表三的情形，应写成如「不予公开/属于国家秘密」。"
        )
    return found


def remedy_sentence(kind: RemedyKind, review_body: str, court: str) -> str:
    """The 救济途径 paragraph printed on every 答复告知书 (条例第五十一条)."""
    body = review_body or "本机关的上一级行政机关"
    if kind is RemedyKind.REVIEW_FIRST:
        return (
            f"如对本答复不服，可以自收到本答复之日起{REVIEW_DAYS}日内向{body}申请行政复议；"
            "根据《中华人民共和国行政复议法》第二十三条的规定，应当先申请行政复议，"
            "对行政复议决定不服的，可以再依法提起行政诉讼。"
        )
    where = court or "有管辖权的人民法院"
    return (
        f"如对本答复不服，可以自收到本答复之日起{REVIEW_DAYS}日内向{body}申请行政复议，"
        f"或者在{SUIT_MONTHS}个月内向{where}提起行政诉讼。"
    )

"""The annual report's tables as data (国办公开办函〔2021〕30号), their arithmetic checks and JSON form."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

SECTION_TITLES = (  # RULES §2.1: exactly six sections with these titles
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
APPLICANT_TYPES = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TABLE3_COLUMNS = (*APPLICANT_TYPES, "总计")
TABLE3_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: str | None = None  # label of the group row it sits under (（三）不予公开 …), if any


R1 = Row("R1", "一、本年新收政府信息公开申请数量")
R2 = Row("R2", "二、上年结转政府信息公开申请数量")
OUTCOME_HEADER = "三、本年度办理结果"
LEAVES: tuple[Row, ...] = (
    Row("R3.1", "（一）予以公开"),
    Row("R3.2", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    Row("R3.3.1", "1.属于国家秘密", "（三）不予公开"),
    Row("R3.3.2", "2.其他法律行政法规禁止公开", "（三）不予公开"),
    Row("R3.3.3", "3.危及“三安全一稳定”", "（三）不予公开"),
    Row("R3.3.4", "4.保护第三方合法权益", "（三）不予公开"),
    Row("R3.3.5", "5.属于三类内部事务信息", "（三）不予公开"),
    Row("R3.3.6", "6.属于四类过程性信息", "（三）不予公开"),
    Row("R3.3.7", "7.属于行政执法案卷", "（三）不予公开"),
    Row("R3.3.8", "8.属于行政查询事项", "（三）不予公开"),
    Row("R3.4.1", "1.本机关不掌握相关政府信息", "（四）无法提供"),
    Row("R3.4.2", "2.没有现成信息需要另行制作", "（四）无法提供"),
    Row("R3.4.3", "3.补正后申请内容仍不明确", "（四）无法提供"),
    Row("R3.5.1", "1.信访举报投诉类申请", "（五）不予处理"),
    Row("R3.5.2", "2.重复申请", "（五）不予处理"),
    Row("R3.5.3", "3.要求提供公开出版物", "（五）不予处理"),
    Row("R3.5.4", "4.无正当理由大量反复申请", "（五）不予处理"),
    Row("R3.5.5", "5.要求行政机关确认或重新出具已获取信息", "（五）不予处理"),
    Row("R3.6.1", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）其他处理"),
    Row(
        "R3.6.2", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）其他处理"
    ),
    Row("R3.6.3", "3.其他", "（六）其他处理"),
)
R37 = Row("R3.7", "（七）总计")
R4 = Row("R4", "四、结转下年度继续办理")
LEAF_KEYS = tuple(row.key for row in LEAVES)
TABLE3_ROWS: tuple[Row, ...] = (R1, R2, *LEAVES, R37, R4)

TABLE2_BLOCKS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        "第二十条第（一）项",
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "行政规范性文件"),
    ),
    ("第二十条第（五）项", ("信息内容", "本年处理决定数量"), ("行政许可",)),
    ("第二十条第（六）项", ("信息内容", "本年处理决定数量"), ("行政处罚", "行政强制")),
    ("第二十条第（八）项", ("信息内容", "本年收费金额（单位：万元）"), ("行政事业性收费",)),
)
TABLE4_GROUPS = ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）")
TABLE4_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


@dataclass(frozen=True)
class Table2:
    """10 numbers: 规章 ×3, 行政规范性文件 ×3, 行政许可, 行政处罚, 行政强制, 行政事业性收费 (万元)."""

    regulations: tuple[int, int, int] = (0, 0, 0)
    normative_documents: tuple[int, int, int] = (0, 0, 0)
    permits: int = 0
    penalties: int = 0
    coercions: int = 0
    fees_wan_yuan: Decimal = Decimal("0")

    def as_json(self) -> dict[str, list[Any]]:
        return {
            "规章": list(self.regulations),
            "行政规范性文件": list(self.normative_documents),
            "行政许可": [self.permits],
            "行政处罚": [self.penalties],
            "行政强制": [self.coercions],
            "行政事业性收费": [float(self.fees_wan_yuan)],
        }


@dataclass
class Table3:
    """Counts per row key and applicant type; 总计 column and （七）总计 row are derived, never stored."""

    counts: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0] * 6 for k in (R1.key, R2.key, *LEAF_KEYS, R4.key)}
    )

    def add(self, row_key: str, applicant_type: str, amount: int = 1) -> None:
        self.counts[row_key][APPLICANT_TYPES.index(applicant_type)] += amount

    def row(self, key: str) -> list[int]:
        """Seven numbers: the six applicant columns and 总计."""
        if key == R37.key:
            six = [sum(self.counts[leaf][col] for leaf in LEAF_KEYS) for col in range(6)]
        else:
            six = list(self.counts[key])
        return [*six, sum(six)]

    def matrix(self) -> dict[str, list[int]]:
        return {row.key: self.row(row.key) for row in TABLE3_ROWS}

    def as_json(self) -> dict[str, Any]:
        """Group rows nest their leaves under the group label."""
        data: dict[str, Any] = {R1.label: self.row(R1.key), R2.label: self.row(R2.key)}
        outcomes: dict[str, Any] = {}
        for leaf in LEAVES:
            if leaf.group is None:
                outcomes[leaf.label] = self.row(leaf.key)
            else:
                outcomes.setdefault(leaf.group, {})[leaf.label] = self.row(leaf.key)
        outcomes[R37.label] = self.row(R37.key)
        data[OUTCOME_HEADER] = outcomes
        data[R4.label] = self.row(R4.key)
        return data


@dataclass(frozen=True)
class Table4:
    """15 numbers: three groups of 维持, 纠正, 其他, 尚未审结 and 总计."""

    values: tuple[int, ...] = (0,) * 15

    @staticmethod
    def from_groups(groups: list[list[int]]) -> Table4:
        """Each group's four counts; its 总计 is computed."""
        return Table4(tuple(n for four in groups for n in (*four, sum(four))))


def check_tables(table3: Table3, table4: Table4, last_year_r4: list[int] | None = None) -> list[str]:
    return check_numbers(table3.matrix(), list(table4.values), last_year_r4)


def check_numbers(
    matrix: dict[str, list[int]], table4: list[int], last_year_r4: list[int] | None = None
) -> list[str]:
    """Every failed check in words (RULES §10 rules 27–28); an empty list means the report may be exported.

    Works on the printed numbers (7 per table-三 row, 15 in table 四), so a report typed in by hand
    or imported is checked exactly like a generated one.
    """
    failures: list[str] = []
    r1, r2, r37, r4 = (matrix[row.key] for row in (R1, R2, R37, R4))
    for col, name in enumerate(TABLE3_COLUMNS):
        if r1[col] + r2[col] != r37[col] + r4[col]:
            failures.append(
                f"表三「{name}」列：第一项（{r1[col]}）加第二项（{r2[col]}）等于 {r1[col] + r2[col]}，"
                f"但第三项总计（{r37[col]}）加第四项（{r4[col]}）等于 {r37[col] + r4[col]}，两者应相等。"
            )
        leaves = sum(matrix[key][col] for key in LEAF_KEYS)
        if leaves != r37[col]:
            failures.append(f"表三「{name}」列：（七）总计为 {r37[col]}，但21项办理结果之和为 {leaves}。")
    for row in TABLE3_ROWS:
        numbers = matrix[row.key]
        if sum(numbers[:6]) != numbers[6]:
            failures.append(
                f"表三「{row.label}」行：总计为 {numbers[6]}，但六类申请人之和为 {sum(numbers[:6])}。"
            )
    for index, group in enumerate(TABLE4_GROUPS):
        four, total = table4[index * 5 : index * 5 + 4], table4[index * 5 + 4]
        if sum(four) != total:
            failures.append(f"表四「{group}」：总计为 {total}，但四项之和为 {sum(four)}。")
    if last_year_r4 is not None and r2 != last_year_r4:
        failures.append(
            f"表三第二项「上年结转」{r2} 与上一年度报告第四项「结转下年度继续办理」{last_year_r4} 不一致。"
        )
    return failures

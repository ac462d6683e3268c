"""A 30-item 基层政务公开标准目录 in the national layout (RULES.md §6), written with openpyxl for the tests.

`write_sample(path)`: a title row, TWO header rows (公开事项 merged over 一级事项/二级事项, 公开渠道和载体
over five ticked channels, 公开对象, 公开方式, 公开层级 likewise), 一级事项 merged over several rows, ✓ and √.
`write_one_header(path)`: the same first items with ONE header row and the channels as text.
`TIME_LIMITS`: (序号, 公开时限) of every item, for the rule parser's tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

TITLE = "XX镇基层政务公开标准目录"
CHANNEL_COLUMNS = ("政府网站", "政务新媒体", "公开查阅点", "便民服务站", "村（居）公示栏")
CANONICAL = ("政府网站", "政务新媒体", "公开查阅点", "便民服务站", "公示栏")


@dataclass(frozen=True)
class SampleItem:
    seq: str
    level1: str
    level2: str
    time_limit: str
    channels: str  # one letter per ticked channel: 网 新 查 便 栏
    audience: str  # 全 / 特 / 全特
    mode: str  # 主 / 依 / 主依
    tier: str  # 镇级 / 村级
    tick: str = "✓"

    @property
    def content(self) -> str:
        return f"{self.level2}的有关信息"

    @property
    def basis(self) -> str:
        return "《中华人民共和国政府信息公开条例》"

    @property
    def subject(self) -> str:
        return "村民委员会" if self.tier == "村级" else "镇人民政府"

    @property
    def canonical_channels(self) -> tuple[str, ...]:
        return tuple(
            name for letter, name in zip("网新查便栏", CANONICAL, strict=True) if letter in self.channels
        )

    @property
    def audience_text(self) -> str:
        return "、".join(
            name for letter, name in (("全", "全社会"), ("特", "特定群众")) if letter in self.audience
        )

    @property
    def mode_text(self) -> str:
        return "、".join(
            name for letter, name in (("主", "主动"), ("依", "依申请公开")) if letter in self.mode
        )


def _item(
    n: int, level1: str, level2: str, limit: str, channels: str, tier: str = "镇级", **kw: str
) -> SampleItem:
    return SampleItem(str(n), level1, level2, limit, channels, kw.get("audience", "全"), kw.get("mode", "主"),
                      tier, kw.get("tick", "✓"))  # fmt: skip


FORMED_20 = "信息形成（变更）之日起20个工作日内"
ITEMS: tuple[SampleItem, ...] = (
    _item(1, "财政预决算", "财政预算", "经本级人大批准后20日内", "网查"),
    _item(2, "财政预决算", "财政决算", "经本级人大批准后20日内", "网查", tick="√"),
    _item(3, "财政预决算", "财政资金直达基层", "每季度首月20日前", "网新"),
    _item(4, "财政预决算", "政府债务", "每年1月31日前", "网"),
    _item(5, "重大建设项目", "批准服务信息", FORMED_20, "网新查"),
    _item(6, "重大建设项目", "招标投标信息", "信息形成或变更之日起3个工作日内", "网"),
    _item(7, "重大建设项目", "施工有关信息", "信息形成（变更）之日起二十个工作日内", "网新", tick="√"),
    _item(8, "征地补偿", "征收土地预公告", "拟征收土地前，不少于10个工作日", "网栏", audience="全特"),
    _item(9, "征地补偿", "征地补偿安置方案", FORMED_20, "网栏", audience="特"),
    _item(10, "行政执法", "行政处罚决定", "自作出决定之日起7个工作日内", "网", mode="主依"),
    _item(11, "行政执法", "行政许可结果", "5日内", "网新"),
    _item(12, "行政执法", "执法主体和人员", "长期公开", "网查"),
    _item(13, "社会救助", "最低生活保障对象", "每月10日前", "网栏", audience="特"),
    _item(14, "社会救助", "特困人员救助供养", "每季度首月20日前", "栏便"),
    _item(15, "社会救助", "临时救助", "每半年", "网便"),
    _item(16, "社会救助", "办事指南", "常年公开", "网新查便"),
    _item(17, "义务教育", "招生入学", "招生开始前", "网新"),
    _item(18, "义务教育", "学校基本信息", "实时更新", "网"),
    _item(19, "公共文化服务", "文化活动", "按有关规定", "新栏"),
    _item(20, "公共文化服务", "公共文化场所", "长期公开", "网新便"),
    _item(21, "安全生产", "安全生产监管", FORMED_20, "网", tick="√"),
    _item(22, "安全生产", "生产安全事故", "信息形成或变更之日起3个工作日内", "网新"),
    _item(23, "乡村振兴", "扶持政策", FORMED_20, "网新查便栏"),
    _item(24, "乡村振兴", "项目实施情况", "每半年", "网栏"),
    _item(25, "村务公开", "村级财务收支（季度）", "每季度首月20日前", "栏", "村级", audience="特"),
    _item(26, "村务公开", "村级财务收支（每月）", "每月", "栏", "村级", audience="特"),
    _item(27, "村务公开", "村民会议决定事项", "信息形成（变更）之日起20个工作日内", "栏", "村级"),
    _item(28, "村务公开", "补贴补助资金", "每季度首月20日前", "栏便", "村级", audience="全特"),
    _item(29, "就业创业", "就业服务", "常年公开", "网新便"),
    _item(30, "就业创业", "创业补贴", "每年1月31日前", "网新"),
)
TIME_LIMITS: tuple[tuple[str, str], ...] = tuple((item.seq, item.time_limit) for item in ITEMS)

SUB_HEADERS = (
    "一级事项",
    "二级事项",
    *CHANNEL_COLUMNS,
    "全社会",
    "特定群众",
    "主动",
    "依申请",
    "镇级",
    "村级",
)
FIRST_ROW = 4  # title, header, sub-header


def write_sample(path: Path, items: tuple[SampleItem, ...] = ITEMS) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "标准目录"
    sheet.append([TITLE])
    sheet.merge_cells("A1:R1")
    sheet.append(["序号", "公开事项", None, "公开内容（要素）", "公开依据", "公开时限", "公开主体"])
    for column, group in ((8, "公开渠道和载体"), (13, "公开对象"), (15, "公开方式"), (17, "公开层级")):
        sheet.cell(2, column).value = group
    sheet.append([None, *SUB_HEADERS[:2], None, None, None, None, *SUB_HEADERS[2:]])
    for columns in ("A2:A3", "B2:C2", "D2:D3", "E2:E3", "F2:F3", "G2:G3", "H2:L2", "M2:N2", "O2:P2", "Q2:R2"):
        sheet.merge_cells(columns)
    for entry in items:
        ticks = [entry.tick if letter in entry.channels else None for letter in "网新查便栏"]
        ticks += [entry.tick if letter in entry.audience else None for letter in "全特"]
        ticks += [entry.tick if letter in entry.mode else None for letter in "主依"]
        ticks += [entry.tick if entry.tier == tier else None for tier in ("镇级", "村级")]
        texts = [entry.level1, entry.level2, entry.content, entry.basis, entry.time_limit, entry.subject]
        sheet.append([int(entry.seq), *texts, *ticks])
    row = FIRST_ROW
    for _level1, members in groupby(items, key=lambda entry: entry.level1):
        count = len(list(members))
        if count > 1:
            for offset in range(1, count):  # a merged range keeps only its top-left value
                sheet.cell(row + offset, 2).value = None
            sheet.merge_cells(start_row=row, start_column=2, end_row=row + count - 1, end_column=2)
        row += count
    book.save(path)
    return path


ONE_HEADER = ("序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道",
              "公开对象", "公开方式", "公开层级")  # fmt: skip
CHANNEL_TEXTS = (
    "政府网站、政务新媒体、公示栏",
    "门户网站，微信公众号",
    "网站/村务公开栏",
    "政府信息公开查阅点；便民服务中心",
    "单位/村委会公示栏（电子屏）",
    "政府网站 电子屏",
)
CHANNEL_EXPECTED = (("政府网站", "政务新媒体", "公示栏"), ("政府网站", "政务新媒体"), ("政府网站", "公示栏"),
                    ("公开查阅点", "便民服务站"), ("公示栏",), ("政府网站", "电子屏"))  # fmt: skip


def write_one_header(path: Path) -> Path:
    """Six items, one header row, channels / 对象 / 方式 / 层级 as text."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(ONE_HEADER))
    tiers = ("镇级", "乡镇级", "村级", "村（社区）", "镇", "村")
    for item, channels, tier in zip(ITEMS[:6], CHANNEL_TEXTS, tiers, strict=True):
        sheet.append([item.seq, item.level1, item.level2, item.content, item.basis, item.time_limit,
                      item.subject, channels, "全社会", "主动公开", tier])  # fmt: skip
    book.save(path)
    return path


def write_rows(path: Path, header: tuple[str, ...], rows: list[list[object]]) -> Path:
    """A one-header sheet of arbitrary rows (malformed-row tests)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path

"""Pre-filled text for the report's sections 一, 五 and 六, built from the year's facts (RULES §2.1)."""

from __future__ import annotations

from app.services.formats.chinese import cn_date
from app.services.report.collect import PublicationFacts, RequestFacts
from app.services.report.tables import R1, R2, R4, R37, SECTION_TITLES, Table2, Table3, Table4

TO_FILL = "（请补充）"  # left in the pre-filled text where only the clerk knows the answer
GENERAL, PROBLEMS, OTHER = SECTION_TITLES[0], SECTION_TITLES[4], SECTION_TITLES[5]
NARRATIVE_TITLES = (GENERAL, PROBLEMS, OTHER)
NO_PLAN = "未导入政务公开工作要点"  # workplan_report.report_summary's text when the ledger is empty


def fee_sentence(fees_yuan: int) -> str:
    """国办函〔2020〕109号: the report states what was collected, or that nothing was."""
    if fees_yuan > 0:
        return f"依据《政府信息公开信息处理费管理办法》规定，本年度共收取信息处理费{fees_yuan}元。"
    return "依据《政府信息公开信息处理费管理办法》规定，本年度本机关未收取信息处理费。"


def general(year: int, pub: PublicationFacts, req: RequestFacts, t2: Table2, t3: Table3, t4: Table4) -> str:
    lines = ["（一）主动公开"]
    if pub.published:
        ways = "、".join(f"{name}{count}条" for name, count in pub.channels) or "各类渠道"
        lines.append(
            f"{year}年，本机关主动公开政府信息{pub.published}条（按公开方式：{ways}），"
            f"其中行政规范性文件{pub.normative_published}件。"
        )
    else:
        lines.append(f"{year}年，本机关未登记主动公开的政府信息。{TO_FILL}")
    lines.append(
        f"通过公开栏张贴公告{pub.postings}期，公示期满撤除并拍照存档{pub.posting_boards_removed}期。"
    )
    if pub.directory_published_on is not None:
        lines.append(f"{year}年重大行政决策事项目录已于{cn_date(pub.directory_published_on)}向社会公布。")
    else:
        lines.append(f"{year}年重大行政决策事项目录尚未登记公布。{TO_FILL}")
    r1, r2, r37, r4 = (t3.row(row.key)[6] for row in (R1, R2, R37, R4))
    on_time = req.answered - req.late
    lines += [
        "（二）依申请公开",
        f"{year}年新收政府信息公开申请{r1}件，上年结转{r2}件，本年度办结{r37}件"
        f"（按期办结{on_time}件，逾期{req.late}件），结转下年度继续办理{r4}件。",
        "（三）政府信息管理",
        f"本年制发行政规范性文件{t2.normative_documents[0]}件，废止{t2.normative_documents[1]}件，"
        f"现行有效{t2.normative_documents[2]}件。{TO_FILL}",
        "（四）政府信息公开平台建设",
        f"{TO_FILL}政府网站、政务新媒体和公开栏等平台建设情况。",
        "（五）监督保障",
        f"本年度因政府信息公开被申请行政复议{t4.values[4]}件，"
        f"被提起行政诉讼{t4.values[9] + t4.values[14]}件。{TO_FILL}",
    ]
    return "\n".join(lines)


def problems(year: int, req: RequestFacts) -> str:
    late = f"本年度有{req.late}件申请逾期办结；" if req.late else ""
    return f"{year}年，本机关政府信息公开工作还存在一些不足：{late}{TO_FILL}\n下一步，本机关将{TO_FILL}"


def other(req: RequestFacts, workplan_summary: str) -> str:
    lines = [fee_sentence(req.fees_yuan)]
    if workplan_summary.strip() and NO_PLAN not in workplan_summary:
        lines.append(workplan_summary.strip())
    lines.append(f"人大代表建议和政协提案办理结果公开情况：{TO_FILL}")
    return "\n".join(lines)

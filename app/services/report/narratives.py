"""Pre-filled text for the report's sections 一, 五 and 六, built from the year's facts (RULES §2.1)."""

from __future__ import annotations

from app.services.formats.chinese import cn_date
from app.services.report.collect import PublicationFacts, RequestFacts
from app.services.report.tables import R1, R2, R4, R37, SECTION_TITLES, Table2, Table3, Table4

TO_FILL = "（请补充）"  # left in the pre-filled text where only the clerk knows the answer
GENERAL, PROBLEMS, OTHER = SECTION_TITLES[0], SECTION_TITLES[4], SECTION_TITLES[5]
NARRATIVE_TITLES = (GENERAL, PROBLEMS, OTHER)
NO_PLAN = "未导入政务公开工作要点"  # workplan_report.report_summary's text when the ledger is empty


FEE_WORD = "信息处理费"
NPC_WORDS = ("人大代表建议", "政协提案")
EMPTY = {"", "无", "无。", "暂无", "暂无。"}


def fee_sentence(fees_yuan: int, cases: int = 0) -> str:
    """国办函〔2020〕109号: the report states how many cases paid and how much, or that nothing was."""
    basis = "依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）规定"
    if fees_yuan > 0:
        return f"{basis}，本年度本机关对{cases}件政府信息公开申请收取信息处理费，共计{fees_yuan}元。"
    return f"{basis}，本年度本机关未收取信息处理费（收费0件，金额0元）。"


def opening(year: int, office: str, phone: str = "", address: str = "") -> str:
    """概述: the optional paragraph before 一 that most published reports open with."""
    contact = "；".join(
        part for part in (f"地址：{address}" if address else "", f"电话：{phone}" if phone else "") if part
    )
    ask = f"如对本报告有疑问，请与{office}联系（{contact}）。" if contact else ""
    return (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开"
        "工作年度报告格式》（国办公开办函〔2021〕30号）要求"
        f"，由{office}编制。本报告中所列数据的统计期限"
        f"自{year}年1月1日起至{year}年12月31日止。{ask}"
    )


def printed_other(text: str, req: RequestFacts) -> str:
    """六 as printed: the 信息处理费 statement computed from the cases always comes first, replacing any
    line of the clerk's text about the fee."""
    kept = [line for line in text.splitlines() if line.strip() and FEE_WORD not in line]
    return "\n".join([fee_sentence(req.fees_yuan, req.fee_cases), *kept])


def publication_problems(narratives: dict[str, str]) -> list[str]:
    """Why 五 or 六 may not be published as they stand: never 「无」; 六 names the 人大/政协 line."""
    found = []
    if narratives.get(PROBLEMS, "").strip() in EMPTY:
        found.append(f"「{PROBLEMS}」不能空着或只写「无」，请写明本年度存在的问题和改进措施。")
    other_text = narratives.get(OTHER, "")
    if not any(word in other_text for word in NPC_WORDS):
        found.append(
            f"「{OTHER}」应写明人大代表建议和政协提案办理结果公开情况"
            "（没有承办的，写「本年度本机关未承办人大代表建议和政协提案」）。"
        )
    return found


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
    lines += [
        "（二）依申请公开",
        f"{year}年新收政府信息公开申请{r1}件，上年结转{r2}件，本年度办结{r37}件，结转下年度继续办理{r4}件。"
        + req.timeliness_text,  # 按时办结率 and 平均办理时长 with their one definition (timeliness.py)
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
    lines = [fee_sentence(req.fees_yuan, req.fee_cases)]
    if workplan_summary.strip() and NO_PLAN not in workplan_summary:
        lines.append(workplan_summary.strip())
    lines.append(f"人大代表建议和政协提案办理结果公开情况：{TO_FILL}")
    return "\n".join(lines)

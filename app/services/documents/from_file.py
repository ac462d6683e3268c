"""Register from a file: propose 发文机关, 文号, 标题, 主送, 成文日期 and 公开属性 from a 公文's text
(a scanned 红头文件's OCR text is read by `red_header`, a saved policy page by `page_text`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, never_cancelled, no_progress
from app.services.documents.page_text import PageBlock, read_block
from app.services.documents.red_header import ocr_lines, read_red_header
from app.services.documents.rules import (
    MAX_ADDRESSEE,
    MAX_ISSUER,
    ON_REQUEST,
    PROACTIVE,
    WITHHELD,
    DocumentInput,
)
from app.services.formats.doc_numbers import suggest
from app.services.formats.ofd import ofd_page_texts
from app.services.formats.text_extract import TEXT_SUFFIXES, extract_text, pdf_page_texts
from app.services.scans.read import SCAN_SUFFIXES, read_pages
from app.services.search.pages import join_pages

MAX_TITLE_LINES = 3
MAX_LEAD_LINES = 12  # a page's title and navigation above its metadata block
_NUMBER = re.compile(
    r"[\u4e00-\u9fffA-Za-z]{1,20}\s*[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*第?\s*\d{1,7}\s*号"
)
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_NOISE = re.compile(r"\[bookmark:[^\]]*\]")
# RULES §5.3: markings of the 公开属性 in the 附注 or the 信息公开选项 line.
MARKINGS = (
    ("此件公开发布", PROACTIVE),
    ("此件主动公开", PROACTIVE),
    ("此件依申请公开", ON_REQUEST),
    ("此件不予公开", WITHHELD),
    ("此件不公开", WITHHELD),
)
_OPTION = re.compile(r"(?:信息公开选项|公开属性|公开方式)\s*[:：]\s*(主动公开|依申请公开|不予公开|不公开)")


@dataclass(frozen=True)
class Proposal:
    """What the app read from the file; the clerk confirms or corrects each field."""

    publisher: str
    doc_number: str
    title: str
    written_on: date | None
    disclosure: str  # "" when the file carries no marking
    text: str
    issuer: str = ""  # 发文机关 (the 红头's name); `publisher` is the 发布机构 the register records
    addressee: str = ""  # 主送机关


def _lines(text: str) -> list[str]:
    return [line for line in (_NOISE.sub("", raw).strip() for raw in text.splitlines()) if line]


def _date_line(lines: list[str]) -> tuple[int, date | None]:
    """The 成文日期: the last line that is only a date (not 「…印发」)."""
    for index in range(len(lines) - 1, -1, -1):
        match = _DATE.fullmatch(lines[index])
        if match:
            try:
                return index, date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                return index, None
    return -1, None


def _disclosure(text: str) -> str:
    option = _OPTION.search(text)
    if option:
        return WITHHELD if option[1] == "不公开" else option[1]
    for marking, value in MARKINGS:
        if marking in text:
            return value
    return ""


# 《党政机关公文处理工作条例》第八条、第九条(八): a title ends with its 文种 (plus kinds common outside 公文).
KINDS = (
    "通知", "意见", "办法", "报告", "决定", "要点", "公告", "通告", "函", "方案", "规定", "细则",
    "规划", "计划", "批复", "请示", "纪要", "通报", "决议", "条例", "规则", "指引", "清单", "目录",
    "公示", "总结", "安排", "措施", "制度", "标准", "章程", "命令", "公报", "议案", "指南", "名单", "须知",
)  # fmt: skip
_TRAILER = re.compile(r"(?:[（(][^（）()]{1,12}[）)]|\s)+$")  # 「（试行）」「（征求意见稿）」
_NUMERAL = "[一二三四五六七八九十]+"
_HEADING = re.compile(rf"^(?:{_NUMERAL}、|[（(]{_NUMERAL}[）)]|第{_NUMERAL}[章条节])")  # 「一、总体要求」
_NAVIGATION = ("当前位置", "首页", "字体", "打印", "分享", "浏览次数", "来源：", ">", "＞")
_BESIDE_NUMBER = re.compile(r"签\s*发\s*人\s*[:：].*|^(?:发文字号|文号)\s*[:：]")  # allowed on its line


def _ends_with_kind(title: str) -> bool:
    return _TRAILER.sub("", title).endswith(KINDS)


def _own_number(lines: list[str]) -> tuple[str, int]:
    """The 发文字号 line: the number alone (or with 签发人), never a number the body quotes in a sentence."""
    for index, line in enumerate(lines[:15]):
        match = _NUMBER.search(line)
        rest = (line[: match.start()] + line[match.end() :]).strip() if match else ""
        if match and not _BESIDE_NUMBER.sub("", rest).strip():
            return suggest(match[0].replace(" ", "")) or "", index
    return "", -1


def _title(lines: list[str]) -> str:
    """The title from its first line; wrapped lines are joined only when together they end in a 文种."""
    candidates: list[str] = []
    for line in lines[:MAX_TITLE_LINES]:
        if line.endswith(("：", ":", "。")) or (candidates and "，" in line):  # a sentence has begun
            break
        candidates.append(line)
    if not candidates or _HEADING.match(candidates[0]):
        return ""
    for count in range(len(candidates), 0, -1):  # 「关于印发…办法」「的通知」: the longest
        if _ends_with_kind("".join(candidates[:count])):
            return "".join(candidates[:count])[:500]
    return candidates[0][:500]  # a short note or list: its first line only


def _letter(lines: list[str]) -> tuple[str, str, str, date | None]:
    """文号, 标题, 发文机关, 成文日期 where a 公文 places them (红头, 文号, 标题 … 署名, 日期)."""
    number, number_at = _own_number(lines)
    date_at, written_on = _date_line(lines)
    publisher = ""
    if date_at > 0 and len(lines[date_at - 1]) <= 40 and not lines[date_at - 1].endswith(("。", "：")):
        publisher = lines[date_at - 1]
    elif number_at > 0 and lines[number_at - 1].endswith("文件"):
        publisher = lines[number_at - 1].removesuffix("文件")
    title_from = number_at + 1
    if number_at < 0 and lines and lines[0].endswith("文件") and len(lines[0]) <= 30:
        publisher, title_from = publisher or lines[0].removesuffix("文件"), 1  # 红头 without a 文号
    title = _title(lines[title_from:])
    if not title and number_at > 0 and _ends_with_kind(above := _title(lines[:number_at])):
        title = above  # 「标题」 then 「文号：…」, as a plain text file often has it
    return number, title, publisher, written_on


def _page_title(lines: list[str], block: PageBlock) -> str:
    """A saved web page: the 标题 field, else the heading just above the block (not the site's navigation)."""
    if block.title:
        return block.title[:500]
    if block.first > MAX_LEAD_LINES:
        return ""  # a block far down (a footer) says nothing about where the title is
    above = [line for line in lines[: block.first] if not any(mark in line for mark in _NAVIGATION)]
    named = [line for line in above if _ends_with_kind(line)]
    return (named or above or [""])[-1][:500]


def propose(text: str) -> Proposal:
    lines = _lines(text)
    block = read_block(lines)
    if block is None and (header := read_red_header(text)) is not None:
        title = header.title
        if not header.addressee:  # no 主送 line ends the title (a 公告): join lines up to a 文种 ending
            title = _letter(ocr_lines(text))[1] or title
        return Proposal(
            header.publisher, header.doc_number, title, header.written_on, _disclosure(text), text,
            header.issuer, header.addressee,
        )  # fmt: skip
    if block is None:
        number, title, publisher, written_on = _letter(lines)
        return Proposal(publisher, number, title, written_on, _disclosure(text), text, publisher)
    number, title, publisher, written_on = _letter(lines[: block.first] + lines[block.last + 1 :])
    return Proposal(
        block.publisher or publisher,
        block.doc_number if block.states_number else number,
        _page_title(lines, block) or title,
        block.written_on or written_on,
        _disclosure(text),
        text,
        block.publisher or publisher,
    )


def registration_input(proposal: Proposal, office_name: str) -> DocumentInput:
    """What the 登记 dialog opens with (and `document from-file --save` saves): the office as 发布机构
    when the file names none, 主动公开 when it carries no marking."""
    return DocumentInput(
        proposal.title, proposal.publisher or office_name, proposal.disclosure or PROACTIVE,
        proposal.doc_number, proposal.written_on,
        issuer=proposal.issuer[:MAX_ISSUER], addressee=proposal.addressee[:MAX_ADDRESSEE],
    )  # fmt: skip


# What reads a scan: each page's text in order, page 1 first (OCR where a page has no text layer).
ScanReader = Callable[[Path], Sequence[str]]


def scan_reader(progress: Progress = no_progress, is_cancelled: IsCancelled = never_cancelled) -> ScanReader:
    """The offline OCR of app/services/scans as a `ScanReader`, reporting to the task runner page by page."""

    def read(path: Path) -> list[str]:
        return [page.text for page in read_pages(path, progress, is_cancelled)]

    return read


def propose_from_file(path: Path, read_scan: ScanReader | None = None) -> Proposal:
    """The proposal from a file's text. With `read_scan`, PDFs and images go through it (it OCRs the pages
    without a text layer); pages are kept apart by `join_pages`, so search can say where a word stands."""
    suffix = path.suffix.lower()
    readable = tuple(dict.fromkeys(TEXT_SUFFIXES + (SCAN_SUFFIXES if read_scan else ())))
    if suffix not in readable:
        raise UserFacingError(f"只能从 {'、'.join(readable)} 文件读取公文内容；其他文件请作为附件添加。")
    if read_scan is not None and suffix in SCAN_SUFFIXES:
        if not path.is_file():
            raise UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。")
        text = join_pages(read_scan(path))
    elif suffix == ".ofd":
        text = join_pages(ofd_page_texts(path))  # a damaged OFD is refused with its own reason, not "scan?"
    else:
        text = extract_text(path)  # refuses a missing file, reads "" from a damaged one
        if suffix == ".pdf" and text.strip():
            text = join_pages(pdf_page_texts(path))  # read again page by page: it parsed once already
    if not text.strip():
        hint = "可能已加密" if read_scan else "可能是扫描件或已加密"
        raise UserFacingError(f"没有从「{path.name}」中读到文字（{hint}），请手工填写。")
    return propose(text)

"""Parse a 政务公开工作要点 into its numbered hierarchy; every lowest-level item becomes a task."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from app.errors import UserFacingError
from app.services.formats.chinese import decode_text
from app.services.formats.office_files import DOCX, check_office_file, reader_failed
from app.services.workplan.terms import (
    Schedule,
    Timing,
    UnitMention,
    find_timings,
    find_units,
    schedule_for,
)

MAX_CHARS = 500_000  # a whole year's plan is ~10,000 characters; far more is the wrong file
MAX_FILE_BYTES = 4 * MAX_CHARS  # a text file that cannot hold fewer characters is not read into memory
MAX_TITLE = 120
CN = "一二三四五六七八九十"
# (level, pattern): 一、 / （一） / 1、 or 1. / （1）; half-width brackets too (PDF and WPS exports).
LEVELS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^([{CN}]{{1,3}}[、．.])\s*")),
    (2, re.compile(rf"^([（(][{CN}]{{1,3}}[）)])\s*")),
    (3, re.compile(r"^(\d{1,2}[、．.])(?!\d)\s*")),
    (4, re.compile(r"^([（(]\d{1,2}[）)])\s*")),
    (5, re.compile(r"^([①-⑳])\s*")),
)
TERMINAL = tuple("。；！？：.!?;…")
ARTEFACTS = re.compile(r"\[bookmark:[^\]]*\]|\u200b|\ufeff")
END_MATTER = re.compile(
    r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日(印发)?|信息公开选项.*|抄送.*|（此件.*）|\(此件.*\))$"
)
PLAN_TITLE = re.compile(r"(工作要点|实施方案|工作方案|工作计划|任务分工|通知|方案)$")
YEAR_IN_TITLE = re.compile(r"(20\d{2})\s*年")
# Level-1 headings that frame the plan rather than ask for work.
NOT_TASKS = ("总体要求", "指导思想", "工作目标", "基本原则", "主要目标", "总体目标")


@dataclass
class PlanItem:
    """One numbered item. `text` is the full text without the number; `key` is its position, e.g. 2.1."""

    key: str
    level: int
    label: str
    text: str
    children: list[PlanItem] = field(default_factory=list)
    is_task: bool = False
    title: str = ""
    path: tuple[str, ...] = ()  # ancestors' 「label + title」
    units: tuple[UnitMention, ...] = ()
    timings: tuple[Timing, ...] = ()
    schedule: Schedule = Schedule((None,), "", "", True)

    @property
    def heading(self) -> str:
        return f"{self.label}{self.title}"


@dataclass(frozen=True)
class ParsedPlan:
    title: str
    year: int
    preamble: str
    items: tuple[PlanItem, ...]

    def walk(self) -> list[PlanItem]:
        out: list[PlanItem] = []

        def visit(item: PlanItem) -> None:
            out.append(item)
            for child in item.children:
                visit(child)

        for item in self.items:
            visit(item)
        return out

    def tasks(self) -> list[PlanItem]:
        return [item for item in self.walk() if item.is_task]


def read_plan_file(path: Path) -> str:
    """The text of a .docx or .txt plan (other formats: save as .docx in Word or WPS first)."""
    if not path.is_file():
        raise UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_text(path)
    if suffix in (".txt", ".text", ""):
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _too_long(path.stat().st_size)
        return decode_text(path.read_bytes())
    raise UserFacingError(
        f"不支持「{path.suffix}」文件。请在 Word 或 WPS 中把工作要点另存为 .docx，或复制全文后粘贴导入。"
    )


def _docx_text(path: Path) -> str:
    """Paragraphs, then table cells; a damaged, empty or disguised file is one calm message (issue 19)."""
    from docx import Document

    check_office_file(path, DOCX)
    try:
        with path.open("rb") as handle:
            document = Document(handle)
            lines = [paragraph.text for paragraph in document.paragraphs]
            for table in document.tables:
                for row in table.rows:
                    lines += [cell.text for cell in row.cells]
    except Exception as error:  # python-docx's own: broken XML, missing parts, CRC errors
        raise reader_failed(path, DOCX, error) from None
    return "\n".join(lines)


def _too_long(chars: int) -> UserFacingError:
    return UserFacingError(f"内容太长（{chars} 字）。工作要点一般在 2 万字以内，请确认选择的是工作要点文件。")


def detect_year(text: str) -> int | None:
    for line in text.splitlines()[:12]:
        match = YEAR_IN_TITLE.search(line)
        if match and PLAN_TITLE.search(line.strip()):
            return int(match.group(1))
    return None


def _level(line: str) -> tuple[int, str, str] | None:
    for level, pattern in LEVELS:
        match = pattern.match(line)
        if match:
            return level, match.group(1), line[match.end() :]
    return None


def _clean_lines(text: str) -> list[str]:
    lines = [ARTEFACTS.sub("", line).strip().replace("\u3000", "") for line in text.splitlines()]
    lines = [line for line in lines if line]
    while lines and _level(lines[-1]) is None and _is_end_matter(lines[-1]):
        lines.pop()
    return lines


def _is_end_matter(line: str) -> bool:
    """Signature, 印发 date and 信息公开选项 at the foot of the document."""
    if END_MATTER.match(line):
        return True
    return len(line) <= 30 and not any(mark in line for mark in "。，；：,;")


def _title(text: str, level: int) -> str:
    first = text.split("\n", 1)[0]
    cut = re.split(r"[。；]", first, maxsplit=1)[0].strip()
    title = cut or first
    if level >= 3 and len(title) > 40:  # numbered sentences: keep the lead phrase only
        title = re.split(r"[，,]", title, maxsplit=1)[0]
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


def parse_plan(text: str, year: int) -> ParsedPlan:
    """Hierarchy, units and time requirements of a pasted or read plan for `year`."""
    if len(text) > MAX_CHARS:
        raise _too_long(len(text))
    lines = _clean_lines(text)
    if not lines:
        raise UserFacingError("没有读到任何内容。请粘贴工作要点全文，或选择 .docx / .txt 文件。")
    preamble: list[str] = []
    roots: list[PlanItem] = []
    stack: list[PlanItem] = []
    for line in lines:
        found = _level(line)
        if found is not None and (stack or found[0] == 1):
            level, label, rest = found
            while stack and stack[-1].level >= level:
                stack.pop()
            siblings = stack[-1].children if stack else roots
            key = f"{stack[-1].key}." if stack else ""
            label = label.replace("(", "（").replace(")", "）")  # one style in the ledger and exports
            item = PlanItem(f"{key}{len(siblings) + 1}", level, label, rest.strip())
            siblings.append(item)
            stack.append(item)
        elif stack:
            current = stack[-1]
            continues = current.text and not current.text.endswith(TERMINAL)
            has_sentence = any(mark in current.text for mark in "。；")
            joiner = "" if continues and has_sentence else "\n"
            current.text = f"{current.text}{joiner}{line}" if current.text else line
        else:
            preamble.append(line)
    if not roots:
        raise UserFacingError(
            "没有找到「一、」「（一）」这样的编号条目。请确认粘贴的是工作要点正文；"
            "Word 自动编号的文件请先在 Word 中「将编号转换为文本」或复制粘贴导入。"
        )
    title = next((line for line in preamble if PLAN_TITLE.search(line)), preamble[0] if preamble else "")
    plan = ParsedPlan(title[:200], year, "\n".join(preamble), tuple(roots))
    for item in roots:
        _finish(item, (), year)
    return plan


def _finish(item: PlanItem, path: tuple[str, ...], year: int) -> None:
    item.title = _title(item.text, item.level)
    item.path = path
    item.units = tuple(find_units(item.text))
    item.timings = tuple(find_timings(item.text, year))
    item.is_task = not item.children and not (item.level == 1 and item.title in NOT_TASKS)
    if item.is_task:
        item.schedule = schedule_for(item.timings)
    for child in item.children:
        _finish(child, (*path, item.heading), year)


def due_label(day: date | None) -> str:
    return day.isoformat() if day else "未定"

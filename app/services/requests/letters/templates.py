"""Letter templates: the {占位符} list, parsing and checking a template, filling it, rendering the .docx."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from app.errors import UserFacingError
from app.paths import resource_path
from app.services.requests.types import LetterKind

if TYPE_CHECKING:  # python-docx loads when a letter is written, not with the requests service
    from app.services.formats.official_docx import OfficialDocument

BLANK = "＿＿＿＿＿＿"
QUOTE_LIMIT = 200  # a letter quotes the request; longer descriptions are cut with 「等」
MAX_TEMPLATE = 20_000
SENTENCE_ENDS = "。．.；;，,、！!？?"  # the template puts its own full stop after the quoted request
DOUBLED_STOP = re.compile(r"([。！？])(”?)。")  # 「。。」「。”。」 → 「。」「。”」
SIGN_ROW_MM = 16.0  # 送达回证: at least 15 mm for a handwritten signature or a seal (twips round down)
SIGN_LABELS = ("签名", "盖章", "签收")


def _is_sign_row(label: str) -> bool:
    return label.strip() == "送达人" or any(word in label for word in SIGN_LABELS)


PLACEHOLDERS: dict[str, str] = {
    "申请人": "申请人姓名或名称",
    "受理编号": "受理编号",
    "收到申请日期": "收到申请之日，如 2025年1月24日",
    "申请方式": "当面、平信、网络等",
    "申请内容": "申请公开的信息（超过200字截断）",
    "获取方式": "申请人要求的形式和途径",
    "单位名称": "本机关名称",
    "联系电话": "本机关联系电话",
    "答复期限": "当前答复期限",
    "补正事项": "补正告知中写明的事项",
    "补正期限": "补正期限",
    "延长天数": "延长的工作日数",
    "延期后期限": "延期后的答复期限",
    "延期理由": "延期理由",
    "征求对象": "第三方或其他机关名称",
    "意见期限": "提出意见的期限（15个工作日）",
    "计费方式": "按件或按量",
    "收费依据": "收费依据",
    "收费金额": "金额（元）",
    "缴纳方式": "缴纳方式",
    "缴费期限": "缴费期限（20个工作日）",
    "答复内容": "办理结果的标准表述",
    "答复说明": "经办人填写的说明或理由",
    "法律依据": "办理结果的法律依据",
    "救济途径": "行政复议、行政诉讼告知（不予公开为复议前置）",
    "送达文书": "已出具的答复告知书名称及文号",
    "送达方式": "当面、邮政EMS或电子方式",
    "送达地点": "申请人联系方式中的地址",
    "备注": "备注",
}
SECTION_KEYS = ("标题：", "主送：", "正文：")


@dataclass(frozen=True)
class LetterTemplate:
    kind: str
    title: str
    addressee: str
    body: tuple[str, ...]  # plain lines; lines starting with 「|」 are table rows (送达回证)
    version: int  # 0 = bundled


def bundled_text(kind: str) -> str:
    path = resource_path("templates", "requests", f"{LetterKind(kind).value}.txt")
    return path.read_text(encoding="utf-8")


def parse_template(kind: str, text: str, version: int = 0) -> LetterTemplate:
    """「标题：」「主送：」 lines, then 「正文：」 and the body; only known {占位符} are allowed."""
    if len(text) > MAX_TEMPLATE:
        raise UserFacingError(f"模板太长（{len(text)} 个字），请控制在 {MAX_TEMPLATE} 个字以内。")
    title = addressee = ""
    body: list[str] = []
    in_body = False
    for raw in text.splitlines():
        line = raw.rstrip()
        if in_body:
            body.append(line)
        elif line.startswith("标题："):
            title = line[3:].strip()
        elif line.startswith("主送："):
            addressee = line[3:].strip()
        elif line.startswith("正文："):
            in_body = True
    if not title or not in_body:
        raise UserFacingError("模板须包含「标题：」一行和「正文：」一行（正文写在其后）。")
    unknown = sorted(
        {
            name
            for line in (title, addressee, *body)
            for _literal, name, _spec, _conv in _fields(line)
            if name is not None and name not in PLACEHOLDERS
        }
    )
    if unknown:
        raise UserFacingError(
            f"模板中有无法识别的占位符：{'、'.join('{' + n + '}' for n in unknown)}。"
            f"可用的占位符：{'、'.join('{' + n + '}' for n in PLACEHOLDERS)}。"
        )
    return LetterTemplate(kind, title, addressee, tuple(body), version)


def _fields(line: str) -> list[tuple[str, str | None, str | None, str | None]]:
    try:
        return list(string.Formatter().parse(line))
    except ValueError:
        raise UserFacingError(
            f"模板中的花括号不成对：「{line[:40]}」。占位符写成 {{申请人}} 的形式。"
        ) from None


class _Values(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return BLANK


def fill(line: str, values: dict[str, str]) -> str:
    """The line with its {占位符} filled; a value ending in a full stop never doubles the template's."""
    return DOUBLED_STOP.sub(r"\1\2", string.Formatter().vformat(line, (), _Values(values)))


def quote(text: str) -> str:
    """The request as a letter quotes it: on one line, without its closing punctuation (the letter's
    sentence ends it), cut after `QUOTE_LIMIT` characters."""
    flat = " ".join(text.split()).rstrip(SENTENCE_ENDS + " ")
    return flat if len(flat) <= QUOTE_LIMIT else flat[:QUOTE_LIMIT] + "等"


def render(
    template: LetterTemplate, number: str, values: dict[str, str], office: str, day: date
) -> OfficialDocument:
    from app.services.formats.official_docx import OfficialDocument

    document = OfficialDocument()
    document.doc_number(number)
    document.title(fill(template.title, values))
    if template.addressee:
        document.addressee(fill(template.addressee, values))
    table = [line for line in template.body if line.startswith("|")]
    text = "\n".join(fill(line, values) for line in template.body if not line.startswith("|"))
    document.body(text)
    if table:
        rows = [[fill(cell, values) for cell in line.strip("|").split("|")] for line in table]
        width = max(len(row) for row in rows)
        rows = [row + [""] * (width - len(row)) for row in rows]
        tall = {index: SIGN_ROW_MM for index, row in enumerate(rows[1:]) if _is_sign_row(row[0])}
        document.table(rows[0], rows[1:], [50.0, 106.0] if width == 2 else None, tall)
    document.signature(office, day)
    return document

"""Personal data in text that leaves the office: 身份证号, 手机和固定电话, 银行卡号, 住址.

条例第十五条 (个人隐私不予公开) and RULES §5.1 「涉密不上网、上网不涉密」: one detector for the export
package, the catalogue, postings and the ledgers. Pure: text in, findings out; no I/O, no clock.

Numbers are matched on a copy of the text where full-width digits, spaces and dashes are folded to ASCII
one character for one, so a finding's position is the same in the original text. Every match is then
checked (GB 11643 check digit and birth date, Luhn, area code) before it counts, which keeps dates,
amounts, 文号, 索引号 and 统一社会信用代码 out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from app.services.privacy.rules import (
    ADDRESS,
    COUNTRY,
    FOLD,
    HOUSE_UNITS,
    LANDLINE_AREA,
    LEADING,
    MASKABLE_NUMERAL,
    NAME_CHARS,
    NAME_STOP,
    NOT_HOUSE_AFTER,
    NOT_HOUSE_BEFORE,
    RULES,
    RUN,
    digits_of,
    number_part,
    valid,
)
from app.services.privacy.rules import Kind as Kind  # re-exported: callers name kinds from here
from app.services.privacy.rules import id15_ok as id15_ok
from app.services.privacy.rules import id18_ok as id18_ok
from app.services.privacy.rules import luhn_ok as luhn_ok

MASK = "*"


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int  # position in the scanned text
    end: int
    text: str  # as written
    masked: str  # the same length as `text`, personal digits replaced by MASK

    @property
    def label(self) -> str:
        """「疑似身份证号 3101**********1234」: what a refusal shows (never the full value)."""
        return f"疑似{self.kind.value} {self.masked}"


def _mask_chars(text: str, keep_head: int, keep_tail: int) -> str:
    """Replace the digits of `text` by MASK, keeping the first `keep_head` and last `keep_tail` digits."""
    positions = [i for i, ch in enumerate(text) if ch.isdigit() or ch in "XxＸｘ"]
    hidden = set(positions[keep_head : len(positions) - keep_tail])
    return "".join(MASK if i in hidden else ch for i, ch in enumerate(text))


def _mask_number(kind: Kind, text: str, folded: str) -> str:
    if kind is Kind.ID_NUMBER or kind is Kind.BANK_CARD:
        return _mask_chars(text, 4, 4)  # 「3101**********1234」, as masking.mask_id_number
    if kind is Kind.MOBILE:
        prefix = len(folded) - len(COUNTRY.sub("", folded))
        return text[:prefix] + _mask_chars(text[prefix:], 3, 4)  # 「138****5678」
    area = LANDLINE_AREA.match(folded)
    head = area.end() if area else 0
    return text[:head] + _mask_chars(text[head:], 0, 4)  # 「0512-****5678」: the area code stays


def _mask_address(text: str, place_at: int) -> str:
    return text[:place_at] + "".join(MASK if ch in MASKABLE_NUMERAL else ch for ch in text[place_at:])


def _glued(text: str, start: int, end: int) -> bool:
    """Digits stuck to Latin letters are a code (a SHA-256 in hex, a serial number), not a person's number."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    return any(ch.isascii() and ch.isalpha() for ch in (before, after) if ch)


def _numbers(text: str) -> Iterable[Finding]:
    for run in RUN.finditer(text):  # only the stretches of digits long enough to be a number we look for
        if _glued(text, run.start(), run.end()):
            continue
        start = run.start()
        while start > 0 and text[start - 1] in LEADING:
            start -= 1
        folded = text[start : run.end()].translate(FOLD)
        for kind, pattern in RULES:
            position = 0
            while (match := pattern.search(folded, position)) is not None:
                if valid(kind, match.group()):
                    original = text[start + match.start() : start + match.end()]
                    masked = _mask_number(kind, original, match.group())
                    yield Finding(kind, start + match.start(), start + match.end(), original, masked)
                    position = match.end()
                else:  # a longer or shorter number may still start just after this one
                    position = match.start() + 1


def _addresses(text: str) -> Iterable[Finding]:
    for match in ADDRESS.finditer(text):
        units = re.findall(r"号楼|号院|号|室|户", match.group())
        if not any(unit.startswith(HOUSE_UNITS) for unit in units):
            continue
        if match.group().endswith("号") and NOT_HOUSE_AFTER.match(text, match.end()):
            continue
        left = text[max(0, match.start() - 8) : match.start()]
        if left.endswith(NOT_HOUSE_BEFORE):
            continue
        name = NAME_CHARS.search(NAME_STOP.sub("", left))
        start = match.start() - (len(name.group()) if name else 0)
        original = text[start : match.end()]
        yield Finding(
            Kind.ADDRESS, start, match.end(), original, _mask_address(original, match.start() - start)
        )


def _landline_parts(folded: str) -> tuple[str, str]:
    """(area code with its 0, local number): 「+86 21 5975 0000」 and 「(021)59750000」 give 021, 59750000."""
    area = LANDLINE_AREA.match(folded)
    return ("0" + area["area"], digits_of(folded[area.end() :])) if area else ("", digits_of(folded))


def _key(finding: Finding) -> str:
    """What two ways of writing the same number or address have in common."""
    folded = finding.text.translate(FOLD)
    if finding.kind is Kind.ADDRESS:
        return re.sub(r"\s+", "", folded)
    if finding.kind is Kind.LANDLINE:
        return "".join(_landline_parts(folded))
    return digits_of(number_part(finding.kind, folded))


def _exchange(local: str) -> str:
    """The exchange block of a local number: 5975 of 59750000 (the office's extensions share it)."""
    return local[: len(local) - 4]


@dataclass(frozen=True)
class AllowList:
    """The office's own published 联系电话 and 地址 (设置 → 单位信息): public, so never a finding.

    A landline in the office's exchange block (021-5975xxxx when the office's number is 021-59750000) is
    one of its departments' published lines (「联系人：党政办，联系电话：021-59751234」), not a person's.
    """

    keys: frozenset[str] = frozenset()
    exchanges: frozenset[tuple[str, str]] = frozenset()  # (area code or "" when not written, block)

    @classmethod
    def of(cls, *texts: str) -> AllowList:
        keys: set[str] = set()
        exchanges: set[tuple[str, str]] = set()
        for text in texts:
            for finding in find(text):
                keys.add(_key(finding))
                if finding.kind is Kind.LANDLINE:
                    area, local = _landline_parts(finding.text.translate(FOLD))
                    exchanges.add((area, _exchange(local)))
            bare = re.sub(r"[ \-]", "", text.translate(FOLD))  # 「59750000」 without its area code
            exchanges.update(("", _exchange(n)) for n in re.findall(r"(?<!\d)[2-9]\d{6,7}(?!\d)", bare))
        return cls(frozenset(keys), frozenset(exchanges))

    def allows(self, finding: Finding) -> bool:
        key = _key(finding)
        if finding.kind is Kind.ADDRESS:
            return any(
                min(len(key), len(known)) >= 5 and (known.endswith(key) or key.endswith(known))
                for known in self.keys
            )
        if key in self.keys:
            return True
        if finding.kind is not Kind.LANDLINE:
            return False
        area, local = _landline_parts(finding.text.translate(FOLD))
        block = _exchange(local)
        return (area, block) in self.exchanges or ("", block) in self.exchanges


NOTHING_ALLOWED = AllowList()


def find(text: str, allow: AllowList = NOTHING_ALLOWED) -> list[Finding]:
    """Every piece of personal data in `text`, in order, none overlapping; the allow-list's are left out."""
    if not text:
        return []
    candidates = [*_numbers(text), *_addresses(text)]
    candidates.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[Finding] = []
    for finding in candidates:
        if kept and finding.start < kept[-1].end:
            continue  # an ID number is not also a bank card, nor a mobile inside it
        kept.append(finding)
    return [finding for finding in kept if not allow.allows(finding)]


def findings_in(fields: Mapping[str, str], allow: AllowList = NOTHING_ALLOWED) -> list[str]:
    """「正文：疑似身份证号 3101**********1234」 for each finding in each named text: for a service that
    refuses to save, post or print (a posting marked 张贴中, a printed notice) and says where and what."""
    return [f"{name}：{finding.label}" for name, text in fields.items() for finding in find(text, allow)]


def mask(text: str, findings: Sequence[Finding]) -> str:
    """`text` with each finding replaced by its masked form (same length, so positions still hold)."""
    if not findings:
        return text
    parts: list[str] = []
    at = 0
    for finding in sorted(findings, key=lambda f: f.start):
        parts.append(text[at : finding.start])
        parts.append(finding.masked)
        at = finding.end
    parts.append(text[at:])
    return "".join(parts)


def masked(text: str, allow: AllowList = NOTHING_ALLOWED) -> str:
    return mask(text, find(text, allow))


Masker = Callable[[str], str]


def masker(allow: AllowList = NOTHING_ALLOWED) -> Masker:
    """`masked` bound to one allow-list, for code that masks many texts the same way."""
    return lambda text: masked(text, allow)

"""上报导出's personal-data screen (issue 19): every field, file name and attachment text that would leave.

Items are screened in the builder's batches; an attachment's text (as registered, `document_files.text`)
is read once per batch and each file's text scanned once per export, however many items carry it.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from operator import attrgetter
from typing import Protocol
from weakref import WeakKeyDictionary

from sqlalchemy import select

from app.models import Attachment
from app.models.document import DocumentFile
from app.services.common import SessionFactory
from app.services.export.catalogue.base import COLUMNS, CatalogueFile, CatalogueItem
from app.services.formats.text_extract import TEXT_SUFFIXES, extract_text
from app.services.privacy.detector import AllowList, Finding, find, mask
from app.services.privacy.files import places_in_file, suffix_of
from app.services.storage.attachments import AttachmentStore

# Every text an item puts in the manifest and 信息目录.xlsx (类别 is ours, 生成日期 a date).
FIELDS = (
    *((key, title) for key, title in COLUMNS if key not in ("kind", "created")),
    ("review_note", "保密审查"),
)
QUERY_CHUNK = 500

Key = tuple[str, int]


@dataclass(frozen=True)
class ItemFinding:
    """One piece of personal data in one item: which item, where in it, and what (masked)."""

    kind: str
    item_id: int
    index_no: str
    title: str  # masked, so the list of findings does not itself show the data
    where: str  # 「名称」「发布机构」「附件「名单.pdf」第3页」「附件名称「…」」「正文」
    finding: Finding
    file_sha: str = ""  # the attachment whose content it is in ("" for a field or a file name)

    def detail(self) -> str:
        return f"{self.where}：{self.finding.label}"

    def message(self) -> str:
        """「「关于…的公示」（索引号 …）的附件「名单.pdf」第3页：疑似身份证号 3101**********1234」"""
        return f"「{self.title}」（索引号 {self.index_no}）的{self.detail()}"


def refusal(findings: Sequence[ItemFinding]) -> str:
    """Why an item is left out: its first finding, and how many more."""
    more = f"（另有 {len(findings) - 1} 处）" if len(findings) > 1 else ""
    return f"{findings[0].detail()}{more}。个人信息不能上报：请删除，或选择「遮盖个人信息后上报」"


class FileTexts(Protocol):
    def texts(self, items: Sequence[CatalogueItem], skip: set[str]) -> dict[str, str]:
        """sha256 → text of the items' attachments (not generated ones, not those in `skip`)."""
        ...

    def places(self, file: CatalogueFile, findings: Sequence[Finding], allow: AllowList) -> list[str]:
        """「第3页」 where each finding is in the file, or ""."""
        ...


class StoredTexts:
    """A document's attachment texts as registered with it; other registers' files are read from the store."""

    def __init__(self, sessions: SessionFactory, store: AttachmentStore) -> None:
        self._sessions, self._store = sessions, store

    def texts(self, items: Sequence[CatalogueItem], skip: set[str]) -> dict[str, str]:
        wanted = {f.sha256: f for i in items for f in i.files if not f.generated and f.sha256 not in skip}
        found: dict[str, str] = {}
        documents = [item.item_id for item in items if item.kind == "document" and item.files]
        with self._sessions() as session:
            for start in range(0, len(documents), QUERY_CHUNK):
                rows = session.execute(
                    select(Attachment.sha256, DocumentFile.text)
                    .join(Attachment, Attachment.id == DocumentFile.attachment_id)
                    .where(DocumentFile.document_id.in_(documents[start : start + QUERY_CHUNK]))
                )
                for sha, text in rows:
                    if sha in wanted and (text or sha not in found):
                        found[sha] = text
        for item in items:
            if item.kind == "document":  # its text was read when it was registered (even if empty)
                continue
            for file in item.files:  # a decision's attachment: read it now
                if file.sha256 in wanted and file.sha256 not in found:
                    found[file.sha256] = self._extract(file)
        return found

    def _extract(self, file: CatalogueFile) -> str:
        path = self._store.path_of(file.sha256)
        suffix = suffix_of(file.original_name)
        return extract_text(path, suffix) if suffix in TEXT_SUFFIXES and path.is_file() else ""

    def places(self, file: CatalogueFile, findings: Sequence[Finding], allow: AllowList) -> list[str]:
        return places_in_file(self._store.path_of(file.sha256), file.original_name, findings, allow)


class ScanMemo:
    """An attachment text's findings, kept for a data folder between its previews and builds: a build
    repeats the scan its preview just did (the clerk previews, then builds), and scanning the texts is most
    of an export's fixed cost. Keyed by a 128-bit hash of the text and valid for one allow-list: an edited
    text, or a changed office phone or address, is scanned anew."""

    LIMIT = 100_000  # texts remembered (~80 bytes each when clean); forgotten all at once beyond this

    def __init__(self) -> None:
        self._allow: AllowList | None = None
        self._clean: set[bytes] = set()  # most texts hold nothing: only their hash is kept
        self._found: dict[bytes, list[Finding]] = {}

    def findings(self, text: str, allow: AllowList) -> list[Finding]:
        if allow != self._allow:
            self._allow, self._clean, self._found = allow, set(), {}
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key in self._clean:
            return []
        found = self._found.get(key)
        if found is None:
            if len(self._clean) + len(self._found) >= self.LIMIT:
                self._clean, self._found = set(), {}
            found = find(text, allow)
            if found:
                self._found[key] = found
            else:
                self._clean.add(key)
        return list(found)


_MEMOS: WeakKeyDictionary[object, ScanMemo] = WeakKeyDictionary()


def scan_memo(owner: object) -> ScanMemo:
    """The memo of one data folder (its session factory): the export service is rebuilt on each use."""
    memo = _MEMOS.get(owner)
    if memo is None:
        memo = _MEMOS[owner] = ScanMemo()
    return memo


class PersonalDataScreen:
    """One export's screen: the office's allow-list, and what each attachment's text was found to hold."""

    def __init__(self, texts: FileTexts, allow: AllowList, memo: ScanMemo | None = None) -> None:
        self._texts, self.allow = texts, allow
        self._in_files: dict[str, list[Finding]] = {}
        self._memo = memo if memo is not None else ScanMemo()

    def scan(self, items: Sequence[CatalogueItem]) -> dict[Key, list[ItemFinding]]:
        """The findings of each item that has any. The batch's short texts are scanned in one pass."""
        fresh = self._texts.texts(items, set(self._in_files))
        for sha, text in fresh.items():
            self._in_files[sha] = self._memo.findings(text, self.allow)
        parts = [_texts_of(item) for item in items]
        owners = [number for number, texts in enumerate(parts) for _text in texts]
        firsts = list(accumulate((len(texts) for texts in parts), initial=0))
        hits: dict[int, list[tuple[int, Finding]]] = {}
        for flat, finding in _found_in_parts([text for texts in parts for text in texts], self.allow):
            owner = owners[flat]
            hits.setdefault(owner, []).append((flat - firsts[owner], finding))
        result: dict[Key, list[ItemFinding]] = {}
        for number, item in enumerate(items):
            in_files = any(self._in_files.get(f.sha256) for f in item.files if not f.generated)
            if number in hits or in_files:
                result[(item.kind, item.item_id)] = list(self._item(item, hits.get(number, [])))
        return result

    def _item(self, item: CatalogueItem, found: list[tuple[int, Finding]]) -> Iterable[ItemFinding]:
        title = mask(item.title, [f for part, f in found if part == _TITLE])

        def at(where: str, finding: Finding, sha: str = "") -> ItemFinding:
            return ItemFinding(item.kind, item.item_id, item.index_no, title, where, finding, sha)

        names = [mask(file.original_name, find(file.original_name, self.allow)) for file in item.files]
        for part, finding in found:
            if part < len(FIELDS):
                yield at(f"「{FIELDS[part][1]}」", finding)
            elif part == len(FIELDS):
                yield at("正文", finding)
            else:
                yield at(f"附件名称「{names[part - len(FIELDS) - 1]}」", finding)
        for file, name in zip(item.files, names, strict=True):
            inside = [] if file.generated else self._in_files.get(file.sha256, [])
            places = self._texts.places(file, inside, self.allow) if inside else []
            for finding, place in zip(inside, places, strict=True):
                yield at(f"附件「{name}」{place}", finding, file.sha256)


_JOIN = "\x00"  # between texts scanned together: not a digit, separator or space, so nothing spans two
_FIELD_VALUES = attrgetter(*(key for key, _label in FIELDS))
_TITLE = [key for key, _label in FIELDS].index("title")


def _texts_of(item: CatalogueItem) -> list[str]:
    """An item's texts in a fixed order: FIELDS, then the body, then each file's name."""
    return [*_FIELD_VALUES(item), item.body, *(file.original_name for file in item.files)]


def _found_in_parts(texts: Sequence[str], allow: AllowList) -> list[tuple[int, Finding]]:
    """Scan many short texts in one pass; each finding with the index of its text, positions rebased."""
    found = find(_JOIN.join(texts), allow)
    if not found:
        return []
    starts = list(accumulate((len(text) + len(_JOIN) for text in texts[:-1]), initial=0))
    result = []
    for finding in found:
        part = bisect_right(starts, finding.start) - 1
        offset = starts[part]
        result.append((part, replace(finding, start=finding.start - offset, end=finding.end - offset)))
    return result

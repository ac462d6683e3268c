"""Personal data in an export: an item that holds some is left out (the default) or masked (the clerk's
choice). Masked: its fields and file names are masked in the preview, and its attachments' masked copies
made when the package is written — the catalogue, the manifest, the zip's file names and the files
themselves all carry only the masked text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.services.export.catalogue.base import CatalogueFile, CatalogueItem, LeftOut
from app.services.export.screen import FIELDS, ItemFinding, PersonalDataScreen, refusal
from app.services.export.zip_writer import fingerprint
from app.services.privacy.detector import AllowList, find, mask, masker
from app.services.privacy.files import MASKABLE_SUFFIXES, Unmaskable, masked_copy, suffix_of
from app.services.storage.attachments import AttachmentStore

Key = tuple[str, int]


@dataclass(frozen=True)
class MaskedItem:
    item: CatalogueItem  # fields and file names masked
    contents: frozenset[str]  # sha256 of attachments whose content is masked when written
    remade: bool  # its generated file (a posting's PDF) is rendered again from masked text


def _masked(text: str, allow: AllowList) -> str:
    return mask(text, find(text, allow))


def mask_item(
    item: CatalogueItem, findings: Sequence[ItemFinding], allow: AllowList, store: AttachmentStore
) -> MaskedItem:
    """The item as it may leave, masked; `Unmaskable` (with the reason) when a file cannot be masked."""
    contents = frozenset(f.file_sha for f in findings if f.file_sha)
    by_sha = {file.sha256: file for file in item.files}
    for sha in sorted(contents):
        name = by_sha[sha].original_name
        if suffix_of(name) not in MASKABLE_SUFFIXES:
            found = next(f for f in findings if f.file_sha == sha)
            raise Unmaskable(
                f"{found.detail()}。PDF 等文件不能自动遮盖，请上传遮盖后的文件，或删除这个附件后再导出"
            )
        masked_copy(store.path_of(sha), name, allow)  # tried now, so the build cannot fail on it later
    text_found = any(not f.file_sha for f in findings)
    remade = text_found and any(file.generated for file in item.files)
    if remade and item.remake is None:
        raise Unmaskable(f"{findings[0].detail()}。这条信息的文件不能重新生成，不能遮盖后导出")
    values = {key: _masked(str(getattr(item, key)), allow) for key, _label in FIELDS}
    files = tuple(file._replace(original_name=_masked(file.original_name, allow)) for file in item.files)
    return MaskedItem(
        replace(item, **values, body=_masked(item.body, allow), files=files),  # type: ignore[arg-type]
        contents,
        remade,
    )


def prepare_files(
    store: AttachmentStore,
    items: Sequence[CatalogueItem],
    contents: frozenset[str],
    remade: frozenset[Key],
    allow: AllowList,
    work: Path,
) -> tuple[list[CatalogueItem], dict[str, Path]]:
    """The items with their masked files in place, and where each masked copy was written in `work`."""
    if not contents and not remade:
        return list(items), {}
    folder = work / "masked"
    folder.mkdir(parents=True, exist_ok=True)
    sources: dict[str, Path] = {}
    copies: dict[str, CatalogueFile] = {}

    def keep(data: bytes, file: CatalogueFile) -> CatalogueFile:
        sha = hashlib.sha256(data).hexdigest()
        target = folder / sha
        target.write_bytes(data)
        sources[sha] = target
        return file._replace(sha256=sha, size=len(data))

    out: list[CatalogueItem] = []
    for item in items:
        files: list[CatalogueFile] = []
        for file in item.files:
            if file.generated and (item.kind, item.item_id) in remade and item.remake is not None:
                files.append(keep(item.remake(masker(allow)), file))
            elif file.sha256 in contents:
                if file.sha256 not in copies:
                    data = masked_copy(store.path_of(file.sha256), file.original_name, allow)
                    copies[file.sha256] = keep(data, file)
                files.append(copies[file.sha256]._replace(original_name=file.original_name))
            else:
                files.append(file)
        out.append(replace(item, files=tuple(files)))
    return out, sources


class Sieve:
    """One preview's personal-data decisions: each screened item passes, is masked, or is left out."""

    def __init__(self, screen: PersonalDataScreen, store: AttachmentStore, masking: bool) -> None:
        self._screen, self._store, self.masking = screen, store, masking
        self.findings: list[ItemFinding] = []
        self.contents: set[str] = set()
        self.remade: set[Key] = set()
        self.prints: dict[Key, str] = {}

    @property
    def allow(self) -> AllowList:
        return self._screen.allow

    def sift(self, items: Sequence[CatalogueItem]) -> tuple[list[CatalogueItem], list[LeftOut]]:
        found = self._screen.scan(items)
        passed: list[CatalogueItem] = []
        refused: list[LeftOut] = []
        for item in items:
            key = (item.kind, item.item_id)
            findings = found.get(key)
            if not findings:
                passed.append(item)
                continue
            self.findings.extend(findings)
            title = findings[0].title[:200]
            if not self.masking:
                refused.append(LeftOut(item.kind, item.item_id, title, refusal(findings), item.index_no))
                continue
            try:
                masked = mask_item(item, findings, self._screen.allow, self._store)
            except Unmaskable as why:
                refused.append(LeftOut(item.kind, item.item_id, title, why.message, item.index_no))
                continue
            passed.append(masked.item)
            self.contents |= masked.contents
            if masked.remade:
                self.remade.add(key)
            self.prints[key] = fingerprint(item)  # unchanged next time, though what left was masked
        return passed, refused

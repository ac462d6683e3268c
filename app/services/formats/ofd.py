"""Text of an OFD file (GB/T 33190-2016), the national fixed-layout format: a zip of XML parts.

OFD.xml → DocBody/DocRoot → Document.xml → Pages/Page@BaseLoc → Content.xml → Layer → TextObject/TextCode.
Hand-written (issue 22): the PyPI readers either pull in PyMuPDF (AGPL) or are early alphas, and the part
we need — text in reading order, with templates and layers — is small. Every way a file can be hostile is
refused before its XML is parsed, with the same guards as the app's other zips.
"""

from __future__ import annotations

import logging
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

from app.errors import UserFacingError
from app.services.formats.zips import entry_name_problem, size_problem

log = logging.getLogger("zwgk.documents")
MAX_PARTS = 20_000  # a 500-page document with images has a few thousand parts
MAX_PART_BYTES = 32 << 20  # one page's Content.xml is a few hundred KB
MAX_UNPACKED_BYTES = 512 << 20  # fonts and scanned images included
MAX_PAGES = 5_000
MAX_NESTING = 16  # PageBlock inside PageBlock
READABLE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_DTD = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)  # OFD needs none; refusing them stops entity bombs
_GB_DECLARATION = re.compile(
    rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"'](?:gb2312|gbk|gb18030|cp936)[\"'][^>]*\?>", re.I
)
SAME_LINE = 0.5  # runs whose baselines differ by less than half the type size share a line
WORD_GAP = 1.5  # a gap wider than this many type sizes reads as a space (a 落款 set to the right)


class OfdError(Exception):
    """Why the file cannot be read, in words for the clerk."""


@dataclass(frozen=True)
class _Run:
    text: str
    x: float
    y: float
    size: float
    width: float


def cannot_read(path: Path, why: str) -> UserFacingError:
    return UserFacingError(
        f"无法读取 OFD 文件「{path.name}」：{why}。"
        "请用本机的 OFD 阅读器打开核对，或请发文单位另发 PDF 或 Word 文件。"
    )


def ofd_page_texts(path: Path) -> list[str]:
    """Each page's text in reading order (top to bottom, then left to right)."""
    if not path.is_file():
        raise UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。")
    try:
        with zipfile.ZipFile(path) as archive:
            return _Package(archive).page_texts()
    except OfdError as error:
        raise cannot_read(path, str(error)) from None
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError):
        raise cannot_read(path, "文件已损坏、不完整（可能复制时被截断）或不是 OFD 文件") from None
    except OSError as error:
        raise cannot_read(path, error.strerror or str(error)) from None


def ofd_text(path: Path) -> str:
    return "\n".join(ofd_page_texts(path))


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""  # namespaces vary between producers


def _children(element: ET.Element | None, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name] if element is not None else []


def _child(element: ET.Element | None, name: str) -> ET.Element | None:
    found = _children(element, name)
    return found[0] if found else None


def _child_text(element: ET.Element | None, name: str) -> str:
    found = _child(element, name)
    return (found.text or "").strip() if found is not None else ""


def _numbers(value: str | None) -> list[float]:
    try:
        return [float(part) for part in (value or "").split()]
    except ValueError:
        return []


class _Package:
    """The zip's parts, checked as a whole before any is read."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        infos = [info for info in archive.infolist() if not info.is_dir()]
        if len(infos) > MAX_PARTS:
            raise OfdError(f"文件中有 {len(infos)} 个部件，超出正常范围")
        for info in infos:
            if problem := entry_name_problem(info.filename):
                raise OfdError(f"文件中的部件「{info.filename[:60]}」不安全（{problem}）")
            if info.flag_bits & 0x1:
                raise OfdError("文件内容已加密")
            if info.compress_type not in READABLE_METHODS:
                raise OfdError("文件使用了不支持的压缩方式")
            if problem := size_problem(info):
                raise OfdError(f"部件「{info.filename[:60]}」{problem}")
        if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
            raise OfdError(f"解压后超过 {MAX_UNPACKED_BYTES >> 20} MB，为安全起见不读取")
        self._archive = archive
        self._infos = {info.filename: info for info in infos}
        self._folded = {name.casefold(): name for name in self._infos}
        self._budget = MAX_UNPACKED_BYTES  # one huge page listed 5,000 times is also a bomb

    def resolve(self, base: str, location: str | None) -> str | None:
        """A location as written inside `base`: relative to it, absolute from the root, or (a common producer
        slip) relative to the root; never outside the package."""
        location = (location or "").strip().replace("\\", "/")
        if not location:
            return None
        tries = (
            [location]
            if location.startswith("/")
            else [posixpath.join(posixpath.dirname(base), location), location]
        )
        for candidate in tries:
            normal = posixpath.normpath(candidate).lstrip("/")
            if normal == ".." or normal.startswith("../"):
                continue
            found = normal if normal in self._infos else self._folded.get(normal.casefold())
            if found:
                return found
        return None

    def xml(self, name: str) -> ET.Element:
        info = self._infos[name]
        if info.file_size > MAX_PART_BYTES:
            raise OfdError(f"部件「{name}」过大（{info.file_size >> 20} MB）")
        try:
            with self._archive.open(info) as stream:
                data = stream.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError, OSError):
            raise OfdError(f"部件「{name}」已损坏") from None
        self._budget -= len(data)
        if len(data) > MAX_PART_BYTES or self._budget < 0:
            raise OfdError(f"部件「{name}」解压后过大或被反复引用，为安全起见不读取")
        if _DTD.search(data):
            raise OfdError(f"部件「{name}」含有文档类型声明，为安全起见不读取")
        if match := _GB_DECLARATION.match(data):  # expat knows no GB encodings; some producers declare them
            data = data[match.end() :].decode("gb18030", errors="replace").encode("utf-8")
        try:
            return ET.fromstring(data)
        except ET.ParseError:
            raise OfdError(f"部件「{name}」的 XML 格式错误") from None

    def page_texts(self) -> list[str]:
        entry = self.resolve("", "OFD.xml")
        if entry is None:
            raise OfdError("缺少 OFD.xml，不是有效的 OFD 文件")
        root = self.xml(entry)
        if _local(root.tag) != "OFD":
            raise OfdError("OFD.xml 不是 OFD 文档的入口文件")
        texts: list[str] = []
        for body in _children(root, "DocBody"):
            document = self.resolve(entry, _child_text(body, "DocRoot"))
            if document is None:
                raise OfdError("找不到文档内容（DocRoot 指向的 Document.xml 不在文件中）")
            texts.extend(self._document(document))
        if not texts and not _children(root, "DocBody"):
            raise OfdError("OFD.xml 中没有文档（DocBody）")
        return texts

    def _document(self, location: str) -> list[str]:
        document = self.xml(location)
        common = _child(document, "CommonData")
        templates = {
            template.get("ID", "").strip(): self.resolve(location, template.get("BaseLoc"))
            for template in _children(common, "TemplatePage")
        }
        pages = _children(_child(document, "Pages"), "Page")
        if len(pages) > MAX_PAGES:
            raise OfdError(f"文件有 {len(pages)} 页，超出正常范围")
        cached: dict[str, list[_Run]] = {}
        texts: list[str] = []
        for page in pages:
            runs: list[_Run] = []
            content = self.resolve(location, page.get("BaseLoc"))
            page_root = self.xml(content) if content else None
            if content is None:
                log.warning("OFD page %s has no content part: %s", page.get("ID"), page.get("BaseLoc"))
            for use in _children(page_root, "Template"):  # a 红头 or page number drawn once for every page
                template = templates.get(use.get("TemplateID", "").strip())
                if template:
                    if template not in cached:
                        cached[template] = _content_runs(self.xml(template))
                    runs.extend(cached[template])
            if page_root is not None:
                runs.extend(_content_runs(page_root))
            texts.append(_reading_order(runs))
        return texts


def _content_runs(page: ET.Element) -> list[_Run]:
    runs: list[_Run] = []
    for layer in _children(_child(page, "Content"), "Layer"):
        _walk(layer, runs, 0)
    return runs


def _walk(block: ET.Element, runs: list[_Run], depth: int) -> None:
    for element in block:
        name = _local(element.tag)
        if name == "TextObject":
            runs.extend(_text_runs(element))
        elif name == "PageBlock" and depth < MAX_NESTING:
            _walk(element, runs, depth + 1)


def _deltas(value: str | None) -> list[float]:
    """DeltaX/DeltaY, with the spec's 「g 次数 间距」 shorthand for repeated spacing."""
    parts, index = (value or "").split(), 0
    values: list[float] = []
    try:
        while index < len(parts) and len(values) < 100_000:
            if parts[index] == "g" and index + 2 < len(parts):
                values.extend([float(parts[index + 2])] * min(int(parts[index + 1]), 10_000))
                index += 3
            else:
                values.append(float(parts[index]))
                index += 1
    except ValueError:
        return values
    return values


def _text_runs(element: ET.Element) -> list[_Run]:
    """One run per TextCode, placed on the page: Boundary's origin plus the code's X/Y through the CTM."""
    boundary = _numbers(element.get("Boundary"))
    left, top = (boundary[0], boundary[1]) if len(boundary) >= 2 else (0.0, 0.0)
    ctm = _numbers(element.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    size = (_numbers(element.get("Size")) or [3.5])[0]
    runs: list[_Run] = []
    x = y = 0.0
    for code in _children(element, "TextCode"):
        text = (code.text or "").replace("\x00", "")
        x = (_numbers(code.get("X")) or [x])[0]  # a TextCode without X or Y continues the previous one's
        y = (_numbers(code.get("Y")) or [y])[0]
        if text.strip():
            width = sum(_deltas(code.get("DeltaX"))) + size if code.get("DeltaX") else len(text) * size
            runs.append(
                _Run(text, left + a * x + c * y + e, top + b * x + d * y + f, abs(size) or 3.5, width)
            )
    return runs


def _reading_order(runs: list[_Run]) -> str:
    """Lines by baseline (y grows downwards in OFD), each read left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda run: (run.y, run.x)):
        if lines and abs(run.y - lines[-1][0].y) <= SAME_LINE * min(run.size, lines[-1][0].size):
            lines[-1].append(run)
        else:
            lines.append([run])
    out: list[str] = []
    for line in lines:
        line.sort(key=lambda run: run.x)
        text = line[0].text
        for before, run in zip(line, line[1:], strict=False):
            gap = run.x - (before.x + before.width)
            text += (" " if gap > WORD_GAP * run.size else "") + run.text
        out.append(text.strip())
    return "\n".join(out)

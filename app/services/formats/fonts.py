"""Chinese fonts for PDF (reportlab) and Word (python-docx) output.

Official documents (GB/T 9704) use 仿宋 for the body, 小标宋 for the title and 黑体/楷体 for headings.
We prefer the Windows system fonts of those names and fall back to the bundled 文泉驿微米黑 collection
(`resources/fonts/wqy-microhei.ttc`), so Chinese never turns into boxes on any machine.

No Qt here: the UI registers `bundled_font_path()` with QFontDatabase itself.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from app.log import get_logger
from app.paths import resource_path

if TYPE_CHECKING:
    from docx.text.font import Font

log = get_logger(__name__)


class FontRole(StrEnum):
    """What the text is for; the value is the standard family name Word/WPS should use."""

    FANGSONG = "仿宋"  # body text of official documents
    SONG = "宋体"
    HEI = "黑体"  # first-level headings
    KAI = "楷体"  # second-level headings
    XIAOBIAOSONG = "方正小标宋简体"  # document title
    UI_SANS = "微软雅黑"  # tables, forms, anything that is not an official document


BUNDLED_FONT_FILE = "wqy-microhei.ttc"
BUNDLED_SUBFONT_INDEX = 0
BUNDLED_FAMILY_NAME = "文泉驿微米黑"

# reportlab embeds TrueType outlines only; CFF .otf is refused, so only these are looked at.
_FONT_SUFFIXES = (".ttf", ".ttc")


@dataclass(frozen=True)
class _Candidate:
    family_name: str
    file_names: tuple[str, ...] = ()
    stem_keywords: tuple[str, ...] = ()  # lower-case substrings of the file stem (renamed vendor fonts)
    subfont_index: int = 0


_SIMFANG = _Candidate("仿宋", ("simfang.ttf",))
_FANGSONG_GB2312 = _Candidate(
    "仿宋_GB2312",
    ("仿宋_gb2312.ttf", "fangsong_gb2312.ttf", "fs_gb2312.ttf", "fsgb2312.ttf", "simfang_gb2312.ttf"),
    ("仿宋_gb2312", "fangsong_gb2312"),
)
_SIMSUN = _Candidate("宋体", ("simsun.ttc",))
_SIMHEI = _Candidate("黑体", ("simhei.ttf",))
_SIMKAI = _Candidate("楷体", ("simkai.ttf",))
_KAITI_GB2312 = _Candidate(
    "楷体_GB2312", ("楷体_gb2312.ttf", "kaiti_gb2312.ttf", "kt_gb2312.ttf"), ("楷体_gb2312", "kaiti_gb2312")
)
_XIAOBIAOSONG = _Candidate(
    "方正小标宋简体",
    ("fzxbsjw.ttf", "方正小标宋简体.ttf", "fzxiaobiaosong-b05s.ttf"),
    ("小标宋简体", "fzxiaobiaosong-b05s", "fzxbsjw"),
)
_XIAOBIAOSONG_GBK = _Candidate(
    "方正小标宋_GBK", ("fzxbsk.ttf", "方正小标宋_gbk.ttf"), ("小标宋_gbk", "fzxiaobiaosong-b05", "fzxbs")
)
_MSYH = _Candidate("微软雅黑", ("msyh.ttc", "msyh.ttf"))

_CANDIDATES: dict[FontRole, tuple[_Candidate, ...]] = {
    FontRole.FANGSONG: (_SIMFANG, _FANGSONG_GB2312, _SIMSUN),
    FontRole.SONG: (_SIMSUN,),
    FontRole.HEI: (_SIMHEI, _MSYH),
    FontRole.KAI: (_SIMKAI, _KAITI_GB2312, _SIMSUN),
    FontRole.XIAOBIAOSONG: (_XIAOBIAOSONG, _XIAOBIAOSONG_GBK, _SIMSUN, _SIMHEI),
    FontRole.UI_SANS: (_MSYH, _SIMHEI),
}


@dataclass(frozen=True)
class ResolvedFont:
    role: FontRole
    family_name: str  # the font actually found, e.g. "仿宋", "宋体" or "文泉驿微米黑"
    path: Path
    subfont_index: int
    is_fallback: bool  # True when this is the bundled font

    @property
    def docx_family_name(self) -> str:
        """Name for w:rFonts/@w:eastAsia.

        The bundled font is not installed for Word, so naming it in a .docx is useless; then the role's
        standard name is written and the reader's Word/WPS picks its own 仿宋/宋体/….
        """
        return self.role.value if self.is_fallback else self.family_name


def bundled_font_path() -> Path:
    """The bundled TrueType collection (subfont 0 is 文泉驿微米黑)."""
    return resource_path("fonts", BUNDLED_FONT_FILE)


def default_search_dirs() -> list[Path]:
    """System and per-user font folders of this OS, existing or not."""
    dirs: list[Path] = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local_appdata = os.environ.get("LOCALAPPDATA")
        if local_appdata:
            dirs.append(Path(local_appdata) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path.home() / "Library" / "Fonts", Path("/Library/Fonts")]
    else:
        data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        dirs += [
            Path(data_home) / "fonts",
            Path.home() / ".fonts",
            Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"),
        ]
    return dirs


def _is_truetype(path: Path) -> bool:
    """TrueType font or collection (not CFF 'OTTO'), judged by the first four bytes."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(4)
    except OSError:
        return False
    return magic in (b"\x00\x01\x00\x00", b"true", b"ttcf")


def _scan(dirs: Sequence[Path]) -> dict[str, Path]:
    """Lower-cased file name -> path of every .ttf/.ttc below `dirs`; earlier dirs win."""
    index: dict[str, Path] = {}
    for root in dirs:
        for folder, _subdirs, files in os.walk(root):
            for name in files:
                key = name.lower()
                if key.endswith(_FONT_SUFFIXES) and key not in index:
                    index[key] = Path(folder) / name
    return index


_default_index: dict[str, Path] | None = None
_index_lock = threading.Lock()


def _font_index(search_dirs: Sequence[Path] | None) -> dict[str, Path]:
    global _default_index
    if search_dirs is not None:
        return _scan(search_dirs)
    with _index_lock:
        if _default_index is None:
            _default_index = _scan(default_search_dirs())
        return _default_index


def _match(candidate: _Candidate, index: dict[str, Path]) -> Path | None:
    for file_name in candidate.file_names:
        path = index.get(file_name)
        if path is not None and _is_truetype(path):
            return path
    for keyword in candidate.stem_keywords:
        for key in sorted(index):
            if keyword in key.rsplit(".", 1)[0] and _is_truetype(index[key]):
                return index[key]
    return None


def _iter_fonts(role: FontRole, search_dirs: Sequence[Path] | None) -> Iterator[ResolvedFont]:
    """Every usable font for `role`, best first, always ending with the bundled font."""
    index = _font_index(search_dirs)
    for candidate in _CANDIDATES[role]:
        path = _match(candidate, index)
        if path is not None:
            yield ResolvedFont(role, candidate.family_name, path, candidate.subfont_index, False)
    yield ResolvedFont(role, BUNDLED_FAMILY_NAME, bundled_font_path(), BUNDLED_SUBFONT_INDEX, True)


def resolve_font(role: FontRole, search_dirs: Sequence[Path] | None = None) -> ResolvedFont:
    """The preferred font for `role`; `search_dirs=None` means this OS's font folders (scanned once)."""
    return next(_iter_fonts(role, search_dirs))


# --- PDF (reportlab) ----------------------------------------------------------------------------------

_pdf_lock = threading.Lock()
_pdf_names_by_file: dict[tuple[str, int], str] = {}
_pdf_names_by_role: dict[FontRole, str] = {}


def _register_ttfont(font: ResolvedFont) -> str:
    """Register one font file with reportlab (once per file) and return its reportlab name."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    key = (str(font.path.resolve()), font.subfont_index)
    name = _pdf_names_by_file.get(key)
    if name is None:
        name = f"zwgk-{len(_pdf_names_by_file)}-{font.path.stem}-{font.subfont_index}"
        pdfmetrics.registerFont(TTFont(name, str(font.path), subfontIndex=font.subfont_index))
        # Chinese fonts have no bold/italic faces; map them to the regular face so <b> in a
        # Paragraph does not raise.
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(name, bold, italic, name)
        _pdf_names_by_file[key] = name
    return name


def register_pdf_font(role: FontRole, search_dirs: Sequence[Path] | None = None) -> str:
    """Register the font for `role` with reportlab (once per process) and return its font name.

    A system font reportlab refuses (e.g. a vendor font that forbids embedding) is skipped in favour of the
    next candidate, ending with the bundled font. Safe to call from worker threads.
    """
    with _pdf_lock:
        if search_dirs is None and role in _pdf_names_by_role:
            return _pdf_names_by_role[role]
        last_error: Exception | None = None
        for font in _iter_fonts(role, search_dirs):
            try:
                name = _register_ttfont(font)
            except Exception as exc:  # reportlab raises TTFError, KeyError, struct.error… on odd files
                log.warning("字体 %s 无法用于 PDF（%s），改用下一个候选字体", font.path, exc)
                last_error = exc
                continue
            if search_dirs is None:
                _pdf_names_by_role[role] = name
            return name
        raise RuntimeError(f"没有可用于 PDF 的中文字体：{bundled_font_path()}") from last_error


# --- Word (python-docx) -------------------------------------------------------------------------------


class HasFont(Protocol):
    """A python-docx Run, ParagraphStyle or CharacterStyle."""

    @property
    def font(self) -> Font: ...


def apply_docx_east_asian_font(target: HasFont, family_name: str, size_pt: float | None = None) -> None:
    """Set the font of a run or style for Latin *and* East-Asian text (w:rFonts ascii/hAnsi/eastAsia).

    `Font.name` alone only sets the Latin slots, so Chinese would stay in the theme font. Theme
    attributes on the same w:rFonts are removed because Word lets them override explicit names.
    """
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = family_name
    rpr = font.element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), family_name)
    for theme_attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme"):
        rfonts.attrib.pop(qn(theme_attr), None)
    if size_pt is not None:
        font.size = Pt(size_pt)

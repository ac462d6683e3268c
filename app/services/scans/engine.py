"""The OCR engine: RapidOCR with the PP-OCRv4 Chinese models that ship inside its wheel, run by onnxruntime.

Nothing is downloaded: `rapidocr-onnxruntime` 1.4.x reads its models from its own package folder (the 3.x
`rapidocr` fetches them at run time, which fails on an offline town PC). Loaded once a process, on first use.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import re
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app import __version__
from app.errors import UserFacingError
from app.log import get_logger
from app.services.scans.normalise import normalise_line

if TYPE_CHECKING:
    from PIL.Image import Image

log = get_logger(__name__)
ENGINE_PACKAGE = "rapidocr_onnxruntime"
# What the engine needs at run time besides its models: compiled libraries a build may leave out.
RUNTIME_MODULES = ("cv2", "onnxruntime", ENGINE_PACKAGE)
# The OCR component is a separate add-on installer (installer/zwgk_ocr.iss): the main one stays < 120 MB.
OCR_ADDON = f"ZwgkWorkbench-OCR-{__version__}.exe"
NOT_INSTALLED = (
    "本机没有安装文字识别（OCR）组件，扫描件无法识别文字。"
    f"请向提供本程序安装包的人员索取同版本的文字识别组件安装包「{OCR_ADDON}」并运行，或手工填写。"
)
# A 200-dpi A4 page is 1654 × 2339: the engine scales its long side to this (its default), keeping
# 五号 footnotes readable; 1600 is about 40 % faster but shrinks small print to ~20 px.
MAX_SIDE = 2000

Point = tuple[int, int]


@dataclass(frozen=True)
class OcrLine:
    text: str
    box: tuple[Point, Point, Point, Point]  # image pixels: top-left, top-right, bottom-right, bottom-left
    score: float  # the recogniser's confidence, 0–1

    @property
    def top(self) -> int:
        return min(y for _x, y in self.box)

    @property
    def bottom(self) -> int:
        return max(y for _x, y in self.box)

    @property
    def left(self) -> int:
        return min(x for x, _y in self.box)


_lock = threading.Lock()  # one page at a time: the engine's peak memory (~0.7 GB) is per call
_engine: Any = None


def _package_folder() -> Path | None:
    """The engine's package folder, found without importing it (a frozen build maps it under _MEIPASS)."""
    try:
        spec = importlib.util.find_spec(ENGINE_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def models_present(folder: Path | None) -> bool:
    """config.yaml and every .onnx model it names are on disk (the OCR add-on installs them)."""
    config = folder / "config.yaml" if folder is not None else None
    if config is None or not config.is_file():
        return False
    models = re.findall(r"[\w./-]+\.onnx", config.read_text(encoding="utf-8", errors="replace"))
    return bool(models) and all((config.parent / model).is_file() for model in models)


def _runtime_loads() -> bool:
    for name in RUNTIME_MODULES:
        try:
            importlib.import_module(name)
        except (ImportError, OSError) as exc:  # OSError: a DLL that is there but cannot load
            log.warning("OCR engine unavailable: %s does not load (%s)", name, exc)
            return False
    return True


@functools.cache
def engine_installed() -> bool:
    """True only when the engine can run: its models are on disk and OpenCV and onnxruntime load.

    A frozen build keeps Python modules in its archive, so finding the module proves nothing; without the
    OCR add-on its compiled libraries and models are missing. Asked on first use, not at start-up (the
    imports take a second); callers without it register scans without text."""
    folder = _package_folder()
    if not models_present(folder):
        frozen = getattr(sys, "frozen", False)
        log.warning("OCR engine unavailable: no models in %s (frozen=%s)", folder, frozen)
        return False
    return _runtime_loads()


def _load() -> Any:
    global _engine
    if _engine is None:
        if not engine_installed():
            raise UserFacingError(NOT_INSTALLED)
        from rapidocr_onnxruntime import RapidOCR

        _engine = RapidOCR(max_side_len=MAX_SIDE)
        log.info("OCR engine loaded")
    return _engine


def recognise(image: Image) -> list[OcrLine]:
    """The text lines the engine finds on one page image, top to bottom."""
    import numpy as np

    pixels = np.asarray(image.convert("RGB"))[:, :, ::-1]  # the engine expects OpenCV's BGR order
    with _lock:
        result, _timings = _load()(np.ascontiguousarray(pixels))
    lines = []
    for corners, text, score in result or ():
        top_left, top_right, bottom_right, bottom_left = ((round(x), round(y)) for x, y in corners)
        box = (top_left, top_right, bottom_right, bottom_left)
        lines.append(OcrLine(normalise_line(str(text)), box, float(score)))
    return lines

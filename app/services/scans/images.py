"""Pages of picture files: JPG, PNG, BMP, multi-page TIFF and phone photos (HEIC too when pi-heif is there).

The engine finds each text line as a four-cornered box and straightens it itself, so a 1° scan or a phone
photo taken at a slant reads without a deskew or perspective step (tests/services/scans measure both).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import UserFacingError

if TYPE_CHECKING:
    from PIL.Image import Image

IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".heic", ".heif")


@cache
def _heic_readable() -> bool:
    try:
        from pi_heif import register_heif_opener
    except ImportError:
        return False
    register_heif_opener()
    return True


@contextmanager
def opened_image(path: Path) -> Iterator[Image]:
    from PIL import Image, UnidentifiedImageError

    _heic_readable()
    try:
        image = Image.open(path)
    except FileNotFoundError as exc:
        raise UserFacingError(f"找不到文件「{path}」，请确认文件还在原来的位置。") from exc
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError) as exc:
        raise UserFacingError(f"无法读取图片「{path.name}」：文件可能已损坏，或不是图片。") from exc
    with image:
        yield image


def frame_count(image: Image) -> int:
    return int(getattr(image, "n_frames", 1))


def frame(image: Image, index: int) -> Image:
    """One page of the file, upright as the camera saw it (EXIF orientation applied), in RGB."""
    from PIL import ImageOps

    image.seek(index)
    upright = ImageOps.exif_transpose(image)  # a copy, so the file's next frame can still be read
    return upright.convert("RGB")


def pages(image: Image) -> Iterator[Image]:
    for index in range(frame_count(image)):
        yield frame(image, index)

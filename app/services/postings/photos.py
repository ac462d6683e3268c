"""The date a 公开栏 photo was taken, from its EXIF data (phones and cameras write DateTimeOriginal)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from pathlib import Path

from app.errors import UserFacingError

EXIF_IFD = 0x8769
DATETIME_ORIGINAL = 36867
DATETIME_DIGITIZED = 36868
DATETIME = 306  # IFD0: last change, used when the camera wrote nothing better
EXIF_FORMAT = "%Y:%m:%d %H:%M:%S"


@cache
def heic_readable() -> bool:
    """Phones take HEIC: with pi-heif (pillow-heif's decode-only build) Pillow opens it like a JPG."""
    try:
        from pi_heif import register_heif_opener
    except ImportError:  # a source install without it: the file dialogs stop offering *.heic
        return False
    register_heif_opener()
    return True


def photo_taken_at(path: Path) -> datetime | None:
    """EXIF date of the photo, None when it has none; UserFacingError when the file is not a picture."""
    from PIL import Image, UnidentifiedImageError

    heic_readable()
    if not path.is_file():
        raise UserFacingError(f"找不到照片「{path}」，请确认文件还在原来的位置。")
    try:
        with Image.open(path) as image:
            image.verify()
        with Image.open(path) as image:
            exif = image.getexif()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UserFacingError(f"「{path.name}」不是可识别的照片，请选择 JPG 或 PNG 图片。") from None
    sub = exif.get_ifd(EXIF_IFD)
    for raw in (sub.get(DATETIME_ORIGINAL), sub.get(DATETIME_DIGITIZED), exif.get(DATETIME)):
        if isinstance(raw, bytes):
            raw = raw.decode("ascii", "ignore")
        if isinstance(raw, str):
            try:
                return datetime.strptime(raw.strip("\x00 ").strip(), EXIF_FORMAT)
            except ValueError:
                continue  # "0000:00:00 00:00:00" from cameras without a clock
    return None

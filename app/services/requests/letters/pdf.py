"""导出 PDF of an issued letter through LibreOffice, when the office has it installed (optional).

python-docx cannot render a page, so the .docx is converted by `soffice --headless`; without
LibreOffice the clerk still opens the .docx in Word/WPS and saves a PDF from there.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from app.errors import UserFacingError
from app.services.formats.atomic import atomic_write

WINDOWS_SOFFICE = Path(r"C:\Program Files\LibreOffice\program\soffice.exe")
CONVERT_TIMEOUT_S = 180  # a cold LibreOffice start on an old office PC can take a minute


def find_soffice() -> Path | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return WINDOWS_SOFFICE if WINDOWS_SOFFICE.is_file() else None


def docx_to_pdf(soffice: Path, source: Path, target: Path) -> Path:
    """Convert `source` to `target` (.pdf); written to a temporary name in the same folder, then renamed."""
    if target.suffix.lower() != ".pdf":
        target = target.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="zwgk-pdf-") as work:
        folder = Path(work)
        copy = folder / ("letter" + source.suffix)  # an ASCII name avoids code-page trouble on Windows
        shutil.copyfile(source, copy)
        profile = (folder / "profile").as_uri()  # its own profile: works while the clerk has Office open
        command = [
            str(soffice),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(copy),
        ]
        try:
            subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired):
            raise UserFacingError(
                "LibreOffice 未能完成转换，请改用「打开」在 Word/WPS 中另存为 PDF。"
            ) from None
        produced = folder / "letter.pdf"
        if not produced.is_file():
            raise UserFacingError("LibreOffice 未能生成 PDF，请改用「打开」在 Word/WPS 中另存为 PDF。")
        with atomic_write(target, suffix=".part") as partial:
            shutil.copyfile(produced, partial)
    return target

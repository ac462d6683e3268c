"""Issue 24: an old .xls 公文登记台账 imports like an .xlsx one; the command line and the privacy screen
read workbooks the same way (python-calamine)."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import xlwt
from sqlalchemy import select

from app.cli import main
from app.models.document import Document
from app.paths import DataPaths
from app.services.context import AppContext
from app.services.documents.ledger import HEADERS, DocumentLedger
from app.services.permissions import Actor
from app.services.privacy.files import file_text
from tests.fuzz.hostile import SHEET, xlsx_template
from tests.fuzz.hostile_zip import zip_of
from tests.services.formats.test_sheet_reader import HEAD


def _old_ledger(path: Path) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("公文登记台账")
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for column, name in enumerate(HEADERS):
        sheet.write(0, column, name)
    for row, title in enumerate(("关于做好冬季防火工作的通知", "关于印发2019年工作要点的通知"), start=1):
        values = {"文号": f"旧府发〔2019〕{row}号", "标题": title, "发布机构": "测试镇人民政府"}
        for name, value in values.items():
            sheet.write(row, HEADERS.index(name), value)
        sheet.write(row, HEADERS.index("成文日期"), date(2019, 3, row), day)  # a real Excel date
        sheet.write(row, HEADERS.index("公开日期"), f"2019年3月{row + 5}日")  # a typed one
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_an_old_xls_ledger_imports_with_its_dates(
    office_ctx: AppContext, admin: Actor, tmp_path: Path
) -> None:
    ledger = DocumentLedger(office_ctx.sessions, office_ctx.documents)
    preview = ledger.preview(_old_ledger(tmp_path / "2019年公文登记台账.xls"))
    assert not preview.rejected and len(preview.valid) == 2
    assert ledger.save(admin, preview).accepted == 2
    with office_ctx.sessions() as session:
        saved = session.execute(
            select(Document.written_on, Document.published_at).order_by(Document.id)
        ).all()
    assert [(written, published.date()) for written, published in saved if published] == [
        (date(2019, 3, 1), date(2019, 3, 6)),
        (date(2019, 3, 2), date(2019, 3, 7)),
    ]


def test_the_command_line_takes_an_xls_ledger(
    data_paths: DataPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "台账.xls"
    broken.write_bytes(_old_ledger(tmp_path / "a.xls").read_bytes()[:1000])
    assert main(["--data-dir", str(data_paths.root), "import", "decisions", str(broken)]) != 0
    message = capsys.readouterr().err
    assert "已损坏或不完整" in message and "不是 .xlsx" not in message  # read, not refused by its name


def test_an_id_number_stored_as_a_number_is_still_found(tmp_path: Path) -> None:
    """A program wrote the exact integer; a double would round it to …077800 and hide it from the screen."""
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>证件号码</t></is></c></row>'
    number = '<row r="2"><c r="A2"><v>110101199003077777</v></c></row>'
    sheet = f"{HEAD.decode()}{header}{number}</sheetData></worksheet>"
    (tmp_path / "名单.xlsx").write_bytes(zip_of({**xlsx_template(), SHEET: sheet.encode()}))
    assert "110101199003077777" in file_text(tmp_path / "名单.xlsx", "名单.xlsx")

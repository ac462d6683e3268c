"""Issue 19: the tracebacks an attacker got from the command line where the README promises one Chinese line
and exit code 2 — damaged, encrypted and disguised files, absurd numbers — each a case here; and a bug is
one line naming the log that holds its details, exit code 1."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from app.cli import COMMANDS, main
from tests.cli.test_cli import run_main
from tests.fuzz.hostile import deep_json
from tests.fuzz.hostile_zip import bad_crc, encrypted, with_members, zip_of

CHINESE = re.compile(r"[\u4e00-\u9fff]")
HUGE = "99999999999999999999"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["标题", "文号", "受理编号", "决策事项名称"])
    sheet.append(["关于做好冬季防火工作的通知", "赵府发〔2026〕1号", "2026-001", "镇区道路改造"])
    book.save(folder / "good.xlsx")
    good = (folder / "good.xlsx").read_bytes()
    wide = "\t".join(f"第{n}月" for n in range(1, 81))
    made = {
        "crc.xlsx": bad_crc(good),
        "encrypted.xlsx": encrypted(good),
        "broken-sheet.xlsx": with_members(good, {"xl/worksheets/sheet1.xml": b"<worksheet"}),
        "台账.csv": "标题,文号\n关于做好冬季防火工作的通知,赵府发〔2026〕1号\n".encode("gbk"),
        "empty.docx": b"",
        "text.docx": "一、总体要求".encode(),
        "utf16.txt": "国务院办公厅关于2027年部分节假日安排的通知".encode("utf-16-le"),
        "deep.zip": zip_of({"manifest.json": deep_json()}),
        "all-encrypted.zip": encrypted(zip_of({"manifest.json": b"{}", "SHA256SUMS": b""})),
        "not-a-package.zip": b"PK\x03\x04 cut short",
        "wide.txt": f"各月经费如下。\n{wide}\n{wide}".encode(),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return {name: folder / name for name in made}


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`python main.py ARGS` in this process: exit code and stderr."""
    try:
        code = main(list(args))
    except SystemExit as stop:  # argparse refusals end the process
        code = int(stop.code or 0)
    return code, capsys.readouterr().err


def one_chinese_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and CHINESE.search(lines[0]), err
    assert "Traceback" not in err and "Error" not in err, err
    return lines[0]


REFUSALS: list[tuple[str, Callable[[dict[str, Path], Path], list[str]], str]] = [
    ("crc-damaged ledger", lambda f, t: ["import", "documents", str(f["crc.xlsx"])], "损坏"),
    ("encrypted ledger", lambda f, t: ["import", "documents", str(f["encrypted.xlsx"])], "加密"),
    ("broken sheet XML", lambda f, t: ["import", "requests", str(f["broken-sheet.xlsx"])], "损坏"),
    ("csv as ledger", lambda f, t: ["import", "documents", str(f["台账.csv"])], "另存为 .xlsx"),
    ("encrypted directory", lambda f, t: ["import", "decisions", str(f["encrypted.xlsx"])], "加密"),
    (
        "empty docx plan",
        lambda f, t: ["workplan", "import", str(f["empty.docx"]), "--year", "2026"],
        "空文件",
    ),
    (
        "text as docx plan",
        lambda f, t: ["workplan", "import", str(f["text.docx"]), "--year", "2026"],
        ".docx",
    ),
    ("utf-16 notice", lambda f, t: ["calendar", "import", str(f["utf16.txt"])], ""),
    (
        "huge calendar year",
        lambda f, t: ["calendar", "import", str(f["utf16.txt"]), "--year", HUGE],
        "2000～2100",
    ),
    ("huge fee count", lambda f, t: ["fee", "--by-count", "--count", HUGE], "10,000"),
    ("fee count over the cap", lambda f, t: ["fee", "--by-count", "--ordinal", "10001"], "10,000"),
    ("huge page count", lambda f, t: ["fee", "--by-pages", HUGE], "页数"),
    ("huge posting id", lambda f, t: ["posting", "pdf", "--id", HUGE, "--out", str(t / "x.pdf")], "编号"),
    ("huge directory year", lambda f, t: ["decisions", "list", "--year", HUGE], "年份"),
    ("report year 0", lambda f, t: ["report", "annual", "--year", "0", "--out", str(t / "r.docx")], "年份"),
    ("negative plan year", lambda f, t: ["workplan", "list", "--year", "-1"], "年份"),
    ("huge search limit", lambda f, t: ["search", "预算", "--limit", HUGE], "条数"),
    ("huge bench size", lambda f, t: ["bench", "--docs", HUGE], "公文件数"),
    ("deadline in year 9999", lambda f, t: ["calendar", "deadline", "--received", "9999-12-31"], "年份"),
    ("not a package", lambda f, t: ["export", "verify", str(f["not-a-package.zip"])], "损坏"),
    (
        "80-column posting",
        lambda f, t: [
            "posting",
            "render",
            "--title",
            "公示",
            "--body-file",
            str(f["wide.txt"]),
            "--out",
            str(t / "p.pdf"),
        ],
        "80 列",
    ),  # fmt: skip
    ("unknown command", lambda f, t: ["workplan", "lst"], "不可用"),
    ("missing argument", lambda f, t: ["report", "annual"], "缺少参数"),
]


@pytest.mark.parametrize(("attack", "command", "words"), REFUSALS, ids=[case[0] for case in REFUSALS])
def test_every_refusal_is_one_chinese_line_with_exit_2(
    files: dict[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    attack: str,
    command: Callable[[dict[str, Path], Path], list[str]],
    words: str,
) -> None:
    code, err = run(capsys, "--data-dir", str(tmp_path / "数据"), *command(files, tmp_path))
    assert code == 2, (attack, err)
    assert words in one_chinese_line(err)


@pytest.mark.parametrize("name", ["deep.zip", "all-encrypted.zip"])
def test_a_hostile_package_is_a_verify_report_not_a_traceback(
    files: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    code, err = run(capsys, "--data-dir", str(tmp_path / "数据"), "export", "verify", str(files[name]))
    assert code == 1 and "Traceback" not in err
    assert all(CHINESE.search(line) for line in err.strip().splitlines()), err


def test_a_bug_is_one_line_naming_the_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_paths: object, _args: object) -> int:
        raise KeyError("这是程序的错误，不是联络员的")

    monkeypatch.setitem(COMMANDS, "fee", broken)
    data = tmp_path / "数据"
    code, err = run(capsys, "--data-dir", str(data), "fee", "--by-count", "--ordinal", "3")
    line = one_chinese_line(err)
    assert code == 1 and "程序内部出错" in line and str(data / "logs") in line
    log = next((data / "logs").glob("*.log")).read_text(encoding="utf-8")
    assert "Traceback" in log and "这是程序的错误" in log


def test_a_huge_fee_count_returns_at_once_in_a_real_process(tmp_path: Path) -> None:
    """It used to sum 10^20 applications one by one, holding the data folder's lock."""
    started = time.monotonic()
    result = run_main("--data-dir", str(tmp_path / "数据"), "fee", "--by-count", "--count", HUGE)
    assert result.returncode == 2 and "10,000" in one_chinese_line(result.stderr)
    assert time.monotonic() - started < 60

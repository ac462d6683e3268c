from __future__ import annotations

import json
from pathlib import Path

from docx import Document

from tests.cli.test_cli import run_main

DATA = Path(__file__).parents[1] / "services" / "data"


def test_import_list_export_and_refusal(tmp_path: Path) -> None:
    data = tmp_path / "数据"
    sample = DATA / "workplan_qingpu_finance_2022.txt"
    result = run_main("--data-dir", str(data), "workplan", "import", str(sample), "--year", "2022", "--json")
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["task_items"] == 14 and plan["saved_plan_id"] == 1
    directory = next(t for t in plan["tasks"] if t["key"] == "3.1")
    assert directory["heading_path"] == [
        "三、进一步强化重大决策公开和公众参与",
        "（一）继续实行重大行政决策事项目录管理",
    ]
    assert directory["due"] == ["2022-03-31"] and directory["due_text"] == "3月31日前"
    listed = run_main("--data-dir", str(data), "workplan", "list", "--year", "2022", "--json")
    assert [row["due"] for row in json.loads(listed.stdout)][6] == "2022-03-31"
    out = tmp_path / "落实情况.docx"
    exported = run_main("--data-dir", str(data), "workplan", "export", "--year", "2022", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "2022年政务公开工作要点落实情况" in [p.text for p in Document(str(out)).paragraphs]
    missing = run_main(
        "--data-dir", str(data), "workplan", "import", str(tmp_path / "无.txt"), "--year", "2022"
    )
    assert missing.returncode == 2 and "找不到文件" in missing.stderr

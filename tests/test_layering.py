"""app/models and app/services must stay free of Qt and of the UI (Anki's pylib rule)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "shiboken6", "app.ui")
PURE_PACKAGES = ("app/models", "app/services")


def imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def offending_imports(source: Path) -> list[str]:
    return sorted(
        name
        for name in imported_modules(source)
        if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN)
    )


@pytest.mark.parametrize("package", PURE_PACKAGES)
def test_pure_packages_import_no_qt_and_no_ui(package: str) -> None:
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"no python files found under {package}"
    offenders = {str(f.relative_to(ROOT)): offending_imports(f) for f in files if offending_imports(f)}
    assert offenders == {}


def test_checker_catches_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport app.ui.main_window\n", encoding="utf-8")
    assert offending_imports(bad) == ["PySide6.QtWidgets", "app.ui.main_window"]


def test_main_py_contains_no_logic() -> None:
    tree = ast.parse((ROOT / "main.py").read_text(encoding="utf-8"))
    defs = [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
    assert defs == []

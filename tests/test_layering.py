"""The house's layers (../shared/design/LAYOUT.md), checked by import-linter: the contracts live in
pyproject.toml ([tool.importlinter]) — models < services < ui < cli, the service packages' DAG, no Qt below
the UI, and no import cycle between sibling modules, not even inside a function or behind TYPE_CHECKING."""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVICES_ROOT_MODULES = {
    "__init__.py",
    "alerts.py",
    "common.py",
    "context.py",
    "permissions.py",
    "year_lock.py",
}


def _lint_imports(*args: str) -> subprocess.CompletedProcess[str]:
    command = shutil.which("lint-imports") or "lint-imports"
    return subprocess.run(
        [command, "--no-cache", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )


def test_every_import_contract_is_kept() -> None:
    result = _lint_imports()
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 broken" in result.stdout


def test_a_broken_contract_is_reported(tmp_path: Path) -> None:
    """The tool really checks: a copy of the contracts with the layer order reversed must fail."""
    config = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    reversed_layers = config.replace('    "app.cli",\n    "app.ui",', '    "app.ui",\n    "app.cli",', 1)
    assert reversed_layers != config
    broken = tmp_path / "pyproject.toml"
    broken.write_text(reversed_layers, encoding="utf-8")
    result = _lint_imports(str(broken))
    assert result.returncode != 0 and "app.cli is not allowed to import app.ui" in result.stdout


def test_service_modules_live_in_domain_packages() -> None:
    """Issue 20: a handful of kernel modules at the root of app/services; everything else in a package."""
    loose = {path.name for path in (ROOT / "app" / "services").glob("*.py")}
    assert loose <= SERVICES_ROOT_MODULES and len(loose) <= 8
    assert not list((ROOT / "app").glob("cli_*.py")) and not (ROOT / "app" / "bench").exists()


def test_main_py_contains_no_logic() -> None:
    tree = ast.parse((ROOT / "main.py").read_text(encoding="utf-8"))
    defs = [node for node in tree.body if isinstance(node, ast.FunctionDef | ast.ClassDef)]
    assert defs == []


def test_the_command_line_names_its_actor_once() -> None:
    """`CLI_ACTOR` is defined in app/cli/common.py only (LAYOUT.md: it was defined five times)."""
    defining = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "app").rglob("*.py")
        if any(
            isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "CLI_ACTOR" for t in node.targets)
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        )
    ]
    assert defining == ["app/cli/common.py"]

"""`search --limit N` says how many documents match, not just how many it printed (issue 24)."""

from __future__ import annotations

import argparse

import pytest

from app.cli.documents import cmd_search
from app.services.context import AppContext
from app.services.documents.rules import DocumentInput
from app.services.permissions import Actor


def _search(ctx: AppContext, query: str, limit: int | None) -> None:
    assert cmd_search(ctx.paths, argparse.Namespace(query=query, limit=limit, json=False)) == 0


def test_a_limited_search_gives_the_whole_count(
    office_ctx: AppContext, admin: Actor, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(5):
        office_ctx.documents.create(admin, DocumentInput(f"关于第{n}批防汛物资的通知", "赵巷镇人民政府"))
    _search(office_ctx, "防汛", 2)
    assert capsys.readouterr().out.splitlines()[-1] == "共 5 条，显示前 2 条"
    _search(office_ctx, "防汛", None)
    assert capsys.readouterr().out.splitlines()[-1] == "共 5 条"
    monkeypatch.setattr("app.services.documents.query.COUNT_CAP", 3)
    _search(office_ctx, "防汛", 2)
    assert capsys.readouterr().out.splitlines()[-1] == "超过 3 条，显示前 2 条"

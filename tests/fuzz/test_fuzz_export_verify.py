"""500 hostile 上报数据包 against `export verify`: a genuine package damaged at the zip level, its manifest
swapped for deep, huge or mistyped JSON, its 信息目录.xlsx for a hostile workbook, its SHA256SUMS for junk.
Only a calm refusal or a report (JSON-clean, every problem in Chinese); nothing is unpacked or changed."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import UserFacingError
from app.paths import DataPaths
from app.services.context import open_data_folder
from app.services.export.verify import verify_package
from app.services.export.zip_writer import CATALOGUE_NAME, MANIFEST_NAME, SUMS_NAME
from app.services.settings.service import OfficeInfo
from tests.fuzz.hostile import CHINESE, FUZZ, deep_json, numbers, texts, xlsx_files
from tests.fuzz.hostile_zip import hostile_archive, with_members
from tests.fuzz.support import outcome, save
from tests.services.export_support import demo_items, service

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bytes]:
    """A genuine package's bytes (four documents with attachments)."""
    root = tmp_path_factory.mktemp("package")
    ctx = open_data_folder(DataPaths(root / "数据"))
    try:
        admin = ctx.accounts.create_first_admin("admin", "王管理", "admin-pass-1")
        ctx.settings.save_office(admin, OfficeInfo("测试镇人民政府", "11320000TEST0001X"))
        yield service(ctx, demo_items(ctx, root)).build(admin, root / "good.zip").file.read_bytes()
    finally:
        ctx.close()


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats() | st.integers(-(10**40), 10**40) | texts(20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(texts(10), inner, max_size=4),
    max_leaves=20,
)


def manifests(genuine: dict[str, object]) -> st.SearchStrategy[bytes]:
    """The genuine manifest with one key's value replaced, or something else entirely."""
    keys = sorted(genuine)
    swapped = st.tuples(st.sampled_from(keys), JSON_VALUES).map(
        lambda pair: json.dumps({**genuine, pair[0]: pair[1]}, ensure_ascii=False).encode()
    )
    return st.one_of(
        swapped,
        swapped,
        st.just(deep_json()),
        st.just(b'{"items": ' + deep_json(50_000) + b"}"),
        numbers().map(str.encode),
        st.just(b'{"items": [1e999999], "created_at": NaN}'),
        st.binary(max_size=200),
        JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    )


def packages(genuine: bytes) -> st.SearchStrategy[bytes]:
    with zipfile.ZipFile(io.BytesIO(genuine)) as archive:
        names = tuple(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST_NAME))
    return st.one_of(
        hostile_archive(genuine, names),
        manifests(manifest).map(lambda data: with_members(genuine, {MANIFEST_NAME: data})),
        xlsx_files(("序号", "索引号", "名称")).map(
            lambda data: with_members(genuine, {CATALOGUE_NAME: data})
        ),
        st.lists(st.one_of(texts(80), st.just("0" * 64 + "  ../../x")), max_size=6).map(
            lambda lines: with_members(genuine, {SUMS_NAME: "\n".join(lines).encode("utf-8", "replace")})
        ),
    )


@given(data=st.data())
@FUZZ
def test_export_verify(package: bytes, tmp_path: Path, data: st.DataObject) -> None:
    hostile = data.draw(packages(package))
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    path = save(folder, data.draw(st.sampled_from(("数据包.zip", "数据包.ZIP", "数据包"))), hostile)
    report = outcome(lambda: verify_package(path))
    if isinstance(report, UserFacingError):
        return
    json.dumps(report.as_json(), ensure_ascii=False)
    assert all(CHINESE.search(problem.problem) for problem in report.problems), report.problems
    assert path.read_bytes() == hostile and list(folder.iterdir()) == [path]

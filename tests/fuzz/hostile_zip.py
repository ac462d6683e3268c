"""Hostile zip containers (.xlsx, .docx, export packages): truncated, CRC-damaged, encrypted, unsupported
compression, lying sizes, bombs, nested archives — applied to any archive's bytes."""

from __future__ import annotations

import io
import struct
import warnings
import zipfile
from collections.abc import Mapping
from functools import cache

from hypothesis import strategies as st

LOCAL, CENTRAL = b"PK\x03\x04", b"PK\x01\x02"
BOMB_BYTES = 64 << 20  # deflates to ~64 KB: a bomb by ratio, built once per run


def zip_of(members: Mapping[str, bytes], stored: bool = False) -> bytes:
    buffer = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # duplicate names are one of the attacks
        with zipfile.ZipFile(buffer, "w", method) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
    return buffer.getvalue()


def _headers(data: bytes, signature: bytes) -> list[int]:
    found, at = [], data.find(signature)
    while at >= 0:
        found.append(at)
        at = data.find(signature, at + 1)
    return found


def _patch(data: bytes, field: dict[bytes, int], fmt: str, value: int) -> bytes:
    """Set one header field (offset per signature) in every local and central header."""
    out = bytearray(data)
    for signature, offset in field.items():
        for at in _headers(data, signature):
            if at + offset + struct.calcsize(fmt) <= len(out):
                struct.pack_into(fmt, out, at + offset, value)
    return bytes(out)


def encrypted(data: bytes) -> bytes:
    """The general-purpose flag's bit 0: 「password required」 (WinZip/7-Zip ZipCrypto)."""
    out = bytearray(data)
    for signature, offset in ((LOCAL, 6), (CENTRAL, 8)):
        for at in _headers(data, signature):
            if at + offset + 2 <= len(out):
                out[at + offset] |= 1
    return bytes(out)


def method(data: bytes, number: int) -> bytes:
    """Claim another compression method (99 = AES, 12 = bzip2, 14 = LZMA, 97 = WavPack …)."""
    return _patch(data, {LOCAL: 8, CENTRAL: 10}, "<H", number)


def bad_crc(data: bytes) -> bytes:
    return _patch(data, {LOCAL: 14, CENTRAL: 16}, "<I", 0xDEADBEEF)


def lying_size(data: bytes, size: int) -> bytes:
    """Declare another uncompressed size than the data has (a bomb declares small, a liar declares huge)."""
    return _patch(data, {LOCAL: 22, CENTRAL: 24}, "<I", size & 0xFFFFFFFF)


def flipped(data: bytes, changes: list[tuple[int, int]]) -> bytes:
    out = bytearray(data)
    for at, mask in changes:
        out[at % len(out)] ^= mask
    return bytes(out)


@cache
def bombed(archive: bytes, name: str) -> bytes:
    """`archive` with member `name` replaced by 64 MB of spaces (deflated ~1000:1); built once per part."""
    return with_members(archive, {name: b" " * BOMB_BYTES})


def nested(depth: int) -> bytes:
    data = b"innermost"
    for level in range(depth):
        data = zip_of({f"level{level}.zip": data})
    return data


def spoiled(archive: bytes) -> st.SearchStrategy[bytes]:
    """An archive's bytes, damaged in one of the ways copies and attackers damage zips."""
    size = max(len(archive), 1)
    ways: list[st.SearchStrategy[bytes]] = [
        st.integers(0, size - 1).map(lambda n: archive[:n]),  # truncated (a copy cut short)
        st.lists(st.tuples(st.integers(0, size - 1), st.integers(1, 255)), min_size=1, max_size=6).map(
            lambda changes: flipped(archive, changes)  # CRC-damaged (bits flipped on the way)
        ),
        st.just(encrypted(archive)),
        st.sampled_from((1, 6, 12, 14, 97, 98, 99, 65535)).map(lambda n: method(archive, n)),
        st.just(bad_crc(archive)),
        st.sampled_from((0, 1, 0xFFFFFFFF, 1 << 31)).map(lambda n: lying_size(archive, n)),
        st.binary(max_size=64).map(lambda tail: archive + tail),  # trailing junk
        st.binary(min_size=1, max_size=64).map(lambda head: head + archive),  # junk before the zip
    ]
    return st.one_of(ways)


def with_members(archive: bytes, extra: Mapping[str, bytes]) -> bytes:
    """The archive's members plus (or replaced by) `extra`."""
    with zipfile.ZipFile(io.BytesIO(archive)) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members.update(extra)
    return zip_of(members)


def hostile_archive(archive: bytes, names: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """`archive` damaged (see `spoiled`), or with a part swapped or added by an attacker: emptied, garbage,
    a bomb, nested archives, an evil entry name."""
    evil_names = st.sampled_from(
        ("../../x", "/etc/passwd", "C:/x", "a\\..\\b", "a/" * 120 + "deep", "\u202eexe.txt", "CON", "files/")
    )
    swaps = st.one_of(
        st.sampled_from(names).map(lambda name: {name: b""}),
        st.tuples(st.sampled_from(names), st.binary(max_size=200)).map(lambda pair: {pair[0]: pair[1]}),
        st.integers(1, 6).map(lambda depth: {"nested.zip": nested(depth)}),
        evil_names.map(lambda name: {name: b"x"}),
    )
    return st.one_of(
        spoiled(archive),
        swaps.map(lambda extra: with_members(archive, extra)),
        st.sampled_from(names).map(lambda name: bombed(archive, name)),
    )

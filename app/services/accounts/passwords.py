"""Password hashing with scrypt (memory-hard, in the standard library)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from app.errors import UserFacingError

MIN_LENGTH = 6
MAX_LENGTH = 128  # longer input is refused before hashing: a 100,000-character paste is a mistake
_N, _R, _P, _DKLEN = 2**14, 8, 1, 32  # ≈16 MiB per hash


def check_password_rules(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise UserFacingError(f"密码至少 {MIN_LENGTH} 位，请重新输入。")
    if len(password) > MAX_LENGTH:
        raise UserFacingError(f"密码不能超过 {MAX_LENGTH} 位，请重新输入。")
    if password.strip() != password or not password.strip():
        raise UserFacingError("密码开头和结尾不能是空格。")


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=_DKLEN)
    encode = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${encode(salt).decode()}${encode(digest).decode()}"


def is_valid_hash(stored: str) -> bool:
    parts = stored.split("$")
    return len(parts) == 6 and parts[0] == "scrypt" and all(part.isdigit() for part in parts[1:4])


def verify_password(password: str, stored: str) -> bool:
    if len(password) > MAX_LENGTH or not is_valid_hash(stored):
        return False
    _, n, r, p, salt, expected = stored.split("$")
    try:
        digest = hashlib.scrypt(
            password.encode("utf-8"),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(base64.b64decode(expected)),
        )
    except ValueError:
        return False
    return hmac.compare_digest(digest, base64.b64decode(expected))

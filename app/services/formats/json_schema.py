"""A minimal JSON Schema checker for the keywords our own schemas use (no extra dependency).

Supported: type, const, enum, required, properties, additionalProperties (false), items, pattern,
minLength, maxLength, minimum, maximum and local "$ref": "#/$defs/…". Unknown keywords are ignored.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def load_schema(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


def _type_ok(value: Any, expected: str) -> bool:
    if isinstance(value, bool) and expected in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[expected])


def validate(
    value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, at: str = "$"
) -> list[str]:
    """Every violation as 「$.items[3].sha256：…」; empty when the value conforms."""
    root = root if root is not None else schema
    if "$ref" in schema:
        target: Any = root
        for part in str(schema["$ref"]).removeprefix("#/").split("/"):
            target = target[part]
        return validate(value, target, root, at)
    problems: list[str] = []
    types = schema.get("type")
    if types is not None:
        allowed = [types] if isinstance(types, str) else list(types)
        if not any(_type_ok(value, name) for name in allowed):
            return [f"{at}：类型应为 {'/'.join(allowed)}"]
    if "const" in schema and value != schema["const"]:
        problems.append(f"{at}：应为 {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{at}：{value!r} 不是允许的值")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            problems.append(f"{at}：不能为空")
        if "maxLength" in schema and len(value) > schema["maxLength"]:
            problems.append(f"{at}：超过 {schema['maxLength']} 个字符")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            problems.append(f"{at}：格式不正确（{value[:60]!r}）")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            problems.append(f"{at}：不能小于 {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            problems.append(f"{at}：不能大于 {schema['maximum']}")
    if isinstance(value, dict):
        properties: dict[str, Any] = schema.get("properties", {})
        problems += [f"{at}：缺少字段 {name}" for name in schema.get("required", []) if name not in value]
        for key, item in value.items():
            if key in properties:
                problems += validate(item, properties[key], root, f"{at}.{key}")
            elif schema.get("additionalProperties") is False:
                problems.append(f"{at}：不认识的字段 {key}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            problems += validate(item, schema["items"], root, f"{at}[{index}]")
    return problems

"""The annual report's numbers as published-report checkers read them (no OCR needed upstream).

The structure follows the `parsed_json` that KIROGOVCOMPARE (a checker of published 年度报告) stores for a
parsed report: a list of six `sections` in the order of 国办公开办函〔2021〕30号, each with its `title` and a
`type`:

- `text` (一、五、六): `content`, the section's text as printed;
- `table_2` (二): `activeDisclosureData` — `regulations` and `normativeDocuments` {made, repealed, valid},
  `licensing`, `punishment`, `coercion` {processed}, `fees` {amount} in 万元;
- `table_3` (三): `tableData` grouped by applicant type — `naturalPerson`, `legalPerson` {commercial,
  research, social, legal, other} and `total`; each has `newReceived` (一), `carriedOver` (二) and
  `results` with `granted`, `partialGrant`, `denied` {8 reasons}, `unableToProvide` {3},
  `notProcessed` {5}, `other` {3}, `totalProcessed` (（七）总计) and `carriedForward` (四);
- `table_4` (四): `reviewLitigationData` — `review`, `litigationDirect`, `litigationPostReview`, each
  {maintain, correct, other, unfinished, total}.

Besides the checker's keys every table carries `labels`: the row and column wording of the official
table for each key, so a reader can match a number to the printed cell without knowing the keys.
"""

from __future__ import annotations

from typing import Any

from app.services.report.tables import (
    APPLICANT_TYPES,
    LEAVES,
    R1,
    R2,
    R4,
    R37,
    SECTION_TITLES,
    TABLE4_GROUPS,
    TABLE4_RESULTS,
    Table2,
    Table3,
    Table4,
)

FORMAT = "国办公开办函〔2021〕30号"
APPLICANT_KEYS = ("naturalPerson", "commercial", "research", "social", "legal", "other")
RESULT_GROUPS = {  # table 三 group label → checker key and its leaves' keys, in the table's order
    "（三）不予公开": (
        "denied",
        (
            "stateSecret",
            "lawForbidden",
            "safetyStability",
            "thirdPartyRights",
            "internalAffairs",
            "processInfo",
            "enforcementCase",
            "adminQuery",
        ),
    ),
    "（四）无法提供": ("unableToProvide", ("noInfo", "needCreation", "unclear")),
    "（五）不予处理": (
        "notProcessed",
        ("complaint", "repeat", "publication", "massiveRequests", "confirmInfo"),
    ),
    "（六）其他处理": ("other", ("overdueCorrection", "overdueFee", "otherReasons")),
}
COUNTS = "本年制发件数/本年废止件数/现行有效件数"
TOP_RESULTS = {"R3.1": "granted", "R3.2": "partialGrant"}
TABLE4_KEYS = ("review", "litigationDirect", "litigationPostReview")
RESULT_KEYS = ("maintain", "correct", "other", "unfinished", "total")


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else float(value)


def table2_json(table: Table2) -> dict[str, Any]:
    made, repealed, valid = table.regulations
    n_made, n_repealed, n_valid = table.normative_documents
    return {
        "regulations": {"made": made, "repealed": repealed, "valid": valid},
        "normativeDocuments": {"made": n_made, "repealed": n_repealed, "valid": n_valid},
        "licensing": {"processed": table.permits},
        "punishment": {"processed": table.penalties},
        "coercion": {"processed": table.coercions},
        "fees": {"amount": _number(float(table.fees_wan_yuan)), "unit": "万元"},
        "labels": {
            "regulations": f"第二十条第（一）项 规章（{COUNTS}）",
            "normativeDocuments": f"第二十条第（一）项 行政规范性文件（{COUNTS}）",
            "licensing": "第二十条第（五）项 行政许可 本年处理决定数量",
            "punishment": "第二十条第（六）项 行政处罚 本年处理决定数量",
            "coercion": "第二十条第（六）项 行政强制 本年处理决定数量",
            "fees": "第二十条第（八）项 行政事业性收费 本年收费金额（单位：万元）",
        },
    }


def _column(table: Table3, column: int) -> dict[str, Any]:
    """One applicant column (0–5) or 总计 (6) of table 三, in the checker's nesting."""
    results: dict[str, Any] = {}
    for leaf in LEAVES:
        value = table.row(leaf.key)[column]
        if leaf.group is None:
            results[TOP_RESULTS[leaf.key]] = value
        else:
            key, names = RESULT_GROUPS[leaf.group]
            group = results.setdefault(key, {})
            group[names[len(group)]] = value
    results["totalProcessed"] = table.row(R37.key)[column]
    results["carriedForward"] = table.row(R4.key)[column]
    return {
        "newReceived": table.row(R1.key)[column],
        "carriedOver": table.row(R2.key)[column],
        "results": results,
    }


def table3_json(table: Table3) -> dict[str, Any]:
    legal = {key: _column(table, index) for index, key in enumerate(APPLICANT_KEYS[1:], start=1)}
    labels = {key: name for key, name in zip(APPLICANT_KEYS, APPLICANT_TYPES, strict=True)}
    labels |= {"legalPerson": "法人或其他组织", "total": "总计"}
    labels |= {"newReceived": R1.label, "carriedOver": R2.label}
    labels |= {"totalProcessed": R37.label, "carriedForward": R4.label}
    labels |= {TOP_RESULTS[leaf.key]: leaf.label for leaf in LEAVES if leaf.group is None}
    for group, (key, names) in RESULT_GROUPS.items():
        labels[key] = group
        leaves = [leaf for leaf in LEAVES if leaf.group == group]
        labels |= {f"{key}.{name}": leaf.label for name, leaf in zip(names, leaves, strict=True)}
    return {
        "naturalPerson": _column(table, 0),
        "legalPerson": legal,
        "total": _column(table, 6),
        "labels": labels,
    }


def table4_json(table: Table4) -> dict[str, Any]:
    values = list(table.values)
    data: dict[str, Any] = {
        key: dict(zip(RESULT_KEYS, values[5 * index : 5 * index + 5], strict=True))
        for index, key in enumerate(TABLE4_KEYS)
    }
    data["labels"] = dict(zip(TABLE4_KEYS, TABLE4_GROUPS, strict=True)) | dict(
        zip(RESULT_KEYS, TABLE4_RESULTS, strict=True)
    )
    return data


def checker_json(
    office: str, year: int, narratives: dict[str, str], t2: Table2, t3: Table3, t4: Table4
) -> dict[str, Any]:
    """`narratives` maps the titles of 一、五、六 to their printed text."""
    tables: dict[str, dict[str, Any]] = {
        SECTION_TITLES[1]: {"type": "table_2", "activeDisclosureData": table2_json(t2)},
        SECTION_TITLES[2]: {"type": "table_3", "tableData": table3_json(t3)},
        SECTION_TITLES[3]: {"type": "table_4", "reviewLitigationData": table4_json(t4)},
    }
    sections = [
        {"title": title} | tables.get(title, {"type": "text", "content": narratives.get(title, "")})
        for title in SECTION_TITLES
    ]
    return {"format": FORMAT, "office": office, "year": year, "sections": sections}

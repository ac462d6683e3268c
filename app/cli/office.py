"""`office set` and `office show`: the office profile without the window, so a script or a scheduled job can
set up a data folder. Saved by SettingsService.save_office, the first-run dialog's own validation and audit
entry (the audit log names 命令行)."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from app.cli.common import CLI_ACTOR, EXIT_OK, Subcommand, group, opened, print_json
from app.errors import UserFacingError
from app.paths import DataPaths

NOT_SET = (
    "这个数据文件夹还没有填写单位信息。"
    "请运行 office set --name 单位名称 --code 机构代码，或打开程序按提示填写。"
)
LABELS = {"name": "单位名称", "org_code": "机构代码", "address": "地址", "phone": "联系电话"}


def _set_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--name", required=True, help="单位名称，如 ××镇人民政府")
    parser.add_argument(
        "--code",
        required=True,
        help="机构代码，用于生成索引号：18位统一社会信用代码（核对校验码）；其他代码须加 --yes 确认"
        "（字母、数字和连字符，2～40 位；登记公文后不宜再改）",
    )
    parser.add_argument("--address", help="地址（不写时保留原来的）")
    parser.add_argument("--phone", help="联系电话（不写时保留原来的）")
    parser.add_argument(
        "--yes",
        action="store_true",
        help="机构代码不是统一社会信用代码（如旧的组织机构代码、内部编码）时，确认仍要使用",
    )


def _set(paths: DataPaths, args: argparse.Namespace) -> int:
    from app.services.settings.org_code import check_org_code
    from app.services.settings.service import OfficeInfo, validate_office

    with opened(paths) as ctx:
        before = ctx.settings.office()
        kept = before or OfficeInfo("", "")
        wanted = OfficeInfo(
            args.name,
            args.code,
            kept.address if args.address is None else args.address,
            kept.phone if args.phone is None else args.phone,
        )
        clean = validate_office(wanted)  # every refusal first, then the one question
        doubt = check_org_code(clean.org_code).doubt
        if doubt and not args.yes and (before is None or before.org_code != clean.org_code):
            raise UserFacingError(f"{doubt}核对无误后加 --yes 再运行一次。")
        saved = ctx.settings.save_office(CLI_ACTOR, wanted)  # validates, then writes and audits
    if saved == before:
        print("单位信息与原来相同，没有改动。")
    else:
        print(f"已保存单位信息：{saved.name}，机构代码 {saved.org_code}。")
    return EXIT_OK


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="输出 JSON")


def _show(paths: DataPaths, args: argparse.Namespace) -> int:
    with opened(paths) as ctx:
        office = ctx.settings.office()
    if office is None:
        raise UserFacingError(NOT_SET)
    if args.json:
        print_json(asdict(office))
    else:
        for field, value in asdict(office).items():
            print(f"{LABELS[field]}：{value or '（未填写）'}")
    return EXIT_OK


SUBCOMMANDS = {
    "office": group(
        "单位信息（单位名称、机构代码）：填写或查看，与第一次打开程序时填写的相同",
        "office_command",
        {
            "set": Subcommand("填写或修改单位信息（记入操作日志）", _set_arguments, _set),
            "show": Subcommand("查看单位信息", _show_arguments, _show),
        },
    )
}

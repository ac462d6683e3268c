"""Checking a registration before it is saved (条例第二十九条、第三十一条); split from requests.py."""

from __future__ import annotations

import re
from datetime import date

from app.errors import UserFacingError
from app.services.requests.deadlines import NEEDS_CONFIRMATION, Channel
from app.services.requests.types import (
    ID_TYPES,
    MAX_CONTACT,
    MAX_DEPARTMENT,
    MAX_DESCRIPTION,
    MAX_FORM,
    MAX_NAME,
    RESIDENT_ID,
    ApplicantType,
    Registration,
)

NUMBER_TOKEN = re.compile(r"\{(YYYY|机构代码|seq(?::0(\d))?)\}")
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)  # GB 11643-1999 校验码
ID_CHECK_CODES = "10X98765432"


def id_check_warning(id_type: str, number: str) -> str | None:
    """A 居民身份证 number with a wrong length or check digit is warned about, never refused."""
    if id_type != RESIDENT_ID:
        return None
    if len(number) != 18 or not number[:17].isdigit():
        return f"身份证号「{number[:24]}」不是18位，请核对；如确为旧证件号码可继续保存。"
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    expected = ID_CHECK_CODES[total % 11]
    if number[17].upper() != expected:
        return f"身份证号「{number}」的校验位应为 {expected}，请核对是否抄错。"
    return None


def render_number(template: str, year: int, seq: int, org_code: str) -> str:
    if "{seq" not in template:
        raise UserFacingError("受理编号模板必须包含 {seq}（序号），例如「{YYYY}-{seq:03}」，请在设置中修改。")

    def replace(match: re.Match[str]) -> str:
        token = match.group(1)
        if token == "YYYY":
            return str(year)
        if token == "机构代码":
            return org_code
        width = int(match.group(2) or 0)
        return str(seq).zfill(width)

    return NUMBER_TOKEN.sub(replace, template)


def _text(value: str, label: str, limit: int) -> str:
    clean = value.strip()
    if not clean:
        raise UserFacingError(f"请填写{label}（条例第二十九条要求申请包含此项）。")
    if len(clean) > limit:
        raise UserFacingError(
            f"{label}太长（{len(clean)} 个字），请控制在 {limit} 个字以内；长材料请作为附件保存。"
        )
    return clean


def validate_registration(reg: Registration, today: date) -> tuple[Registration, list[str]]:
    if reg.applicant_type not in set(ApplicantType):
        raise UserFacingError("申请人类型应为自然人、商业企业、科研机构、社会公益组织、法律服务机构或其他。")
    if reg.channel not in set(Channel):
        raise UserFacingError("申请方式应为当面、挂号邮寄、平信、网络或传真。")
    if reg.id_type not in ID_TYPES:
        raise UserFacingError(f"身份证明类型应为：{'、'.join(ID_TYPES)}。")
    id_number = _text(reg.id_number, "身份证明号码", 40).upper()
    arrived = reg.arrived_at.date()
    if arrived > today:
        raise UserFacingError(f"到达时间 {arrived.isoformat()} 晚于今天，请核对日期。")
    received = reg.received_on
    if received is None and reg.channel not in NEEDS_CONFIRMATION:
        received = arrived  # 条例第三十一条：当面为提交之日，挂号邮寄为签收之日
    if received is not None:
        if received < arrived:
            raise UserFacingError(
                f"收到申请之日（{received.isoformat()}）不能早于申请到达的日期（{arrived.isoformat()}），请核对。"
            )
        if received > today:
            raise UserFacingError(f"收到申请之日（{received.isoformat()}）晚于今天，请核对日期。")
    clean = Registration(
        applicant_type=reg.applicant_type,
        name=_text(reg.name, "申请人姓名或名称", MAX_NAME),
        id_type=reg.id_type,
        id_number=id_number,
        contact=_text(reg.contact, "联系方式", MAX_CONTACT),
        description=_text(reg.description, "申请公开的政府信息的名称、文号或特征性描述", MAX_DESCRIPTION),
        form_requested=_text(reg.form_requested, "获取信息的形式、方式和途径", MAX_FORM),
        channel=reg.channel,
        arrived_at=reg.arrived_at.replace(microsecond=0),
        received_on=received,
        department=reg.department.strip()[:MAX_DEPARTMENT],
    )
    warning = id_check_warning(clean.id_type, id_number)
    return clean, [warning] if warning else []

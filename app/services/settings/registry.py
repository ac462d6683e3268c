"""Every configurable rule, declared once with its default and the source it comes from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SettingSpec:
    key: str
    label: str
    default: bool | int | str
    source: str


SPECS: tuple[SettingSpec, ...] = (
    # RULES §9.3 product decision: receipt day not counted unless 保守口径.
    SettingSpec("deadline.count_receipt_day", "保守口径：收到申请当日计为第1个工作日", False, "RULES §9.3"),
    # RULES §3 [U]: time between 收费通知 and payment excluded from the art. 33 period.
    SettingSpec(
        "deadline.exclude_fee_period", "收费通知至缴费期间不计入答复期限", True, "国办函〔2020〕109号"
    ),
    # 条例 art. 33 ¶2: 20 working days, extension at most 20.
    SettingSpec("deadline.answer_working_days", "答复期限（工作日）", 20, "条例第三十三条"),
    # Product decision (issue 4): 即将到期 when ≤ N working days remain.
    SettingSpec("deadline.warning_working_days", "即将到期提示（剩余工作日）", 3, "产品约定"),
    SettingSpec("deadline.extension_working_days", "延期最长（工作日）", 20, "条例第三十三条"),
    # 条例 art. 26: 主动公开 within 20 working days of 形成或者变更.
    SettingSpec("proactive.publish_working_days", "主动公开时限（工作日）", 20, "条例第二十六条"),
    # RULES product decision: 索引号 template, immutable once issued.
    SettingSpec("register.index_template", "索引号模板", "{机构代码}/{YYYY}-{seq:05}", "RULES 产品约定"),
    # RULES §5.1: the four-level 保密审查 chain, in order (steps may be dropped, not invented).
    SettingSpec(
        "review.steps",
        "保密审查步骤（顿号分隔）",
        "承办人初审、科室负责人审核、保密审查员审查、分管领导审批",
        "RULES §5.1",
    ),
    # Issue 6: 受理编号 per year from an office template ({YYYY}, {seq:03}, {机构代码}).
    SettingSpec("request.number_template", "依申请受理编号模板", "{YYYY}-{seq:03}", "本系统（issue 6）"),
    # GB/T 9704 发文字号 of request letters: 机关代字〔年份〕序号号, e.g. 赵府依〔2025〕3号.
    SettingSpec("request.letter_code", "依申请告知书机关代字", "依申请", "GB/T 9704-2012"),
    # 条例第五十一条 / 行政复议法第二十条: the 复议机关 and court named in every answer letter.
    SettingSpec("request.review_body", "行政复议机关（答复书救济途径）", "", "行政复议法第二十条"),
    SettingSpec("request.court", "管辖法院（答复书救济途径）", "", "行政诉讼法第四十六条"),
    # RULES §4 product decision: directory published by 3月31日.
    SettingSpec("decision.directory_due", "决策事项目录公布日期（月-日）", "03-31", "RULES §4"),
    SettingSpec("decision.feedback_working_days", "意见采纳情况反馈（工作日）", 10, "RULES §4"),
    # 条例 art. 49 / RULES §1.10 [U]: annual report due 1月31日 for the office.
    SettingSpec("report.annual_due", "年度报告报送日期（月-日）", "01-31", "条例第四十九条"),
    # 条例第十五条 (个人隐私): personal data found in an export is refused (default) or masked (issue 19).
    SettingSpec(
        "export.mask_personal_data",
        "上报导出时遮盖个人信息（不勾选：含身份证号、电话等的条目不导出）",
        False,
        "条例第十五条",
    ),
    SettingSpec("backup.last_at", "上次备份时间", "", "本系统"),
    # Issue 8 §6: automatic backups on exit, at most once a day; "" = the data folder's backups\.
    SettingSpec("backup.folder", "自动备份文件夹（空白为数据文件夹中的 backups，可填 U 盘）", "", "本系统"),
    SettingSpec("backup.keep_generations", "自动备份保留份数", 10, "本系统"),
    SettingSpec("ui.idle_lock_minutes", "无操作自动锁定（分钟，0 为不锁定）", 15, "本系统"),
)

BY_KEY: dict[str, SettingSpec] = {spec.key: spec for spec in SPECS}

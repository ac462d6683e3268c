"""Demo 工作要点: a short town plan for the current year, imported through the service like real work."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from app.services.context import AppContext
from app.services.permissions import Actor
from app.services.workplan.query import TaskFilter

if TYPE_CHECKING:
    from app.services.workplan.service import WorkplanService

DEMO_SECTIONS = [
    "党政办公室",
    "经济发展办公室",
    "社会事业发展办公室",
    "城市建设管理办公室",
    "财政所",
    "便民服务中心",
]
# Written for the demo in the style of the 区/镇 plans offices receive (not a real document).
DEMO_PLAN = """\
赵巷镇{year}年政务公开工作要点
为深入贯彻《中华人民共和国政府信息公开条例》，结合本镇实际，制定本工作要点。
一、夯实政务公开工作基础
（一）做好政府信息公开平台维护。落实专人专责，强化平台日常巡查和维护，杜绝错链、断链（党政办公室负责）。
（二）按时发布年度报告。于1月31日前发布上一年度政府信息公开工作年度报告（党政办公室牵头，各办公室配合）。
（三）规范依申请公开办理。依法依规做好依申请答复，每季度至少1次梳理依申请办理情况（党政办公室）。
二、推进重点领域信息公开
（一）公开重大行政决策事项目录。于3月31日前确定本镇年度重大行政决策事项目录并向社会公开（牵头单位：党政办公室；责任单位：经济发展办公室、城市建设管理办公室）。
（二）做好财政预决算公开。预算批准后20日内公开部门预算（财政所负责）。
（三）推进民生领域信息公开。做好低保、临时救助等信息公开，每月更新公开栏（社会事业发展办公室牵头，各村居委会配合）。
三、加强政策解读和公众参与
（一）提升政策解读质量。年内至少选择1个政策文件开展决策草案解读（党政办公室牵头，相关办公室配合）。
（二）推动政府开放活动常态化。8月政府开放月期间集中开展开放活动不少于2次（便民服务中心负责）。
四、强化工作保障
镇主要领导年内至少听取一次政务公开工作汇报，年底前组织一次政务公开专题培训（党政办公室）。
"""


def seed_workplan_demo(ctx: AppContext, actor: Actor, today: date | None = None) -> int:
    """The office's 科室, this year's plan and a few tasks in progress or done; returns the task count."""
    day = today or ctx.clock.today()
    service = ctx.workplan
    if service.years():
        return 0
    service.save_sections(actor, DEMO_SECTIONS)
    preview = service.preview_text(DEMO_PLAN.format(year=day.year), day.year, "赵巷镇工作要点（示例）")
    result = service.import_plan(actor, preview, {"各办公室": None, "各村居委会": None, "相关办公室": None})
    rows = service.page_tasks(TaskFilter(day.year), 0, 10)
    _annual_report_task(service, actor, next(r.id for r in rows if "年度报告" in r.title), day)
    directory = next(r for r in rows if "决策事项目录" in r.title)
    drafted = max(day - timedelta(days=3), date(day.year, 1, 1))  # never before the plan's year
    service.add_note(actor, directory.id, drafted, "目录草案已征求各办公室意见")
    service.add_evidence(actor, directory.id, "公文", f"赵府办〔{day.year}〕27号", day)
    service.set_status(actor, directory.id, "进行中", day)
    return result.instances


def _annual_report_task(service: WorkplanService, actor: Actor, task_id: int, today: date) -> None:
    """Last year's report went online on 20 January; before that day it is still being written."""
    published = date(today.year, 1, 20)
    if today < published:
        service.add_note(actor, task_id, today, f"正在编制{today.year - 1}年度报告，已录入第二部分数据")
        service.set_status(actor, task_id, "进行中", today)
        return
    service.add_note(actor, task_id, published, "年度报告已经分管领导审核，在政府网站发布")
    service.add_evidence(actor, task_id, "网址", "https://www.shqp.gov.cn/zxz/zwgk/", published)
    service.set_status(actor, task_id, "已完成", published)

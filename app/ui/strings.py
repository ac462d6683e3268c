"""Central Chinese UI strings that more than one screen uses."""

from app import APP_NAME

WINDOW_TITLE = APP_NAME
WORKING = "正在处理，请稍候…"
CANCEL = "取消"
CANCELLED = "操作已取消。"
CRASH_TITLE = "程序出现意外错误"
CRASH_TEXT = (
    "很抱歉，程序遇到了一个意外错误。您已保存的数据不受影响。\n"
    "请点击「复制错误信息」，把内容发给技术支持人员。日志文件：{log}"
)
COPY_DETAILS = "复制错误信息"
CLOSE = "关闭"
NOT_SUPPORTED_HERE = "当前页面没有这个操作。"
BACKUP_DONE = "备份完成：{file}（{size}，附件 {count} 个）"
RESTORE_CONFIRM = (
    "恢复会用备份文件中的数据替换当前全部数据。\n"
    "当前数据会先自动备份到数据文件夹的 backups 目录，需要时可以再恢复回来。\n\n确定要恢复吗？"
)
RESTORE_DONE = "已从备份恢复。恢复前的数据已保存为：\n{safety}"
ABOUT = (
    "<h3>{name} {version}</h3>"
    "<p>一个办公室一台电脑，离线完成政务公开的全部日常工作：公文登记与保密审查、依申请公开、"
    "重大行政决策事项目录、公开栏、上报导出、年度报告和工作要点。</p>"
    "<p>数据文件夹：{data}</p>"
)
EMPTY = "—"

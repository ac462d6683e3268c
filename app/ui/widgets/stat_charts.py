"""工作台 charts of a year (QtCharts); each exports as PNG and its figures as .xlsx."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QPieSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.services.dashboard.statistics import YearStatistics, chart_table, export_chart_xlsx
from app.ui.errors import show_error

CHART_HEIGHT = 260
AXIS_MONTHS = [str(month) for month in range(1, 13)]  # 「10月」 does not fit under a bar
COLUMNS = 2
CHARTS = (
    ("months", "每月收到申请"),
    ("outcomes", "办理结果（表三分组）"),
    ("timeliness", "按期答复"),
    ("applicants", "申请人类型"),
    ("documents", "每月主动公开（按公开方式）"),
    ("topics", "申请热点词"),
)


def _axes(chart: QChart, categories: Sequence[str], top: int, horizontal: bool = False) -> None:
    labels = QBarCategoryAxis()
    labels.append(list(categories))
    if categories == AXIS_MONTHS:
        labels.setTitleText("月份")
    values = QValueAxis()
    values.setRange(0, max(top, 1))
    values.setLabelFormat("%d")
    values.setTickCount(min(max(top, 1), 5) + 1)
    chart.addAxis(labels, Qt.AlignmentFlag.AlignLeft if horizontal else Qt.AlignmentFlag.AlignBottom)
    chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if horizontal else Qt.AlignmentFlag.AlignLeft)
    for series in chart.series():
        series.attachAxis(labels)
        series.attachAxis(values)


def _bars(
    chart: QChart, categories: Sequence[str], sets: dict[str, Sequence[int]], horizontal: bool = False
) -> None:
    series = QHorizontalBarSeries() if horizontal else QBarSeries()
    for name, values in sets.items():
        bar = QBarSet(name)
        bar.append([float(v) for v in values])
        series.append(bar)
    chart.addSeries(series)
    top = max((max(values, default=0) for values in sets.values()), default=0)
    _axes(chart, categories, top, horizontal)
    chart.legend().setVisible(len(sets) > 1)


def _pie(chart: QChart, parts: Sequence[tuple[str, int]]) -> None:
    series = QPieSeries()
    for name, count in parts:
        if count:
            piece = series.append(f"{name} {count}", float(count))
            piece.setLabelVisible(True)
    chart.addSeries(series)
    chart.legend().setVisible(False)


def build_chart(stats: YearStatistics, key: str) -> QChart:
    chart = QChart()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    if key == "months":
        _bars(chart, AXIS_MONTHS, {"申请数": stats.requests_per_month})
    elif key == "outcomes":
        _pie(chart, stats.outcome_groups)
    elif key == "timeliness":
        late = stats.answered - stats.on_time
        _pie(chart, (("按期", stats.on_time), ("逾期", late)))
    elif key == "applicants":
        _pie(chart, stats.applicant_types)
    elif key == "documents":
        _bars(chart, AXIS_MONTHS, dict(stats.documents_by_channel))
    elif key == "topics":
        terms = list(reversed(stats.topics))
        _bars(chart, [t for t, _ in terms], {"涉及申请数": [n for _, n in terms]}, horizontal=True)
    return chart


def timeliness_text(stats: YearStatistics) -> str:
    if stats.on_time_rate is None:
        return "本年度还没有办结的申请。"
    average = f"，平均用时 {stats.average_working_days:.1f} 个工作日" if stats.average_working_days else ""
    return f"办结 {stats.answered} 件，按期率 {stats.on_time_rate:.0%}{average}"


class ChartCard(QFrame):
    """One chart with its title, a note, and 导出图片 / 导出表格 buttons."""

    def __init__(self, stats: YearStatistics, key: str, title: str) -> None:
        super().__init__()
        self.setObjectName("card")
        self.stats, self.key, self.title = stats, key, title
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        heading = QLabel(f"{stats.year}年{title}")
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        head.addWidget(heading)
        head.addStretch(1)
        self.png_button, self.xlsx_button = QPushButton("导出图片"), QPushButton("导出表格")
        self.png_button.clicked.connect(self._ask_png)
        self.xlsx_button.clicked.connect(self._ask_xlsx)
        head.addWidget(self.png_button)
        head.addWidget(self.xlsx_button)
        layout.addLayout(head)
        self.view = QChartView(build_chart(stats, key))
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.view.setMinimumHeight(CHART_HEIGHT)
        layout.addWidget(self.view)
        if key == "timeliness":
            note = QLabel(timeliness_text(stats))
            note.setObjectName("hintLabel")
            layout.addWidget(note)
        if key == "topics" and not stats.topics:
            layout.addWidget(QLabel("申请数量较少，暂无明显的热点词。"))

    def export_png(self, path: Path) -> Path:
        """Written to a temp name in the same folder, then renamed."""
        temp = path.with_name(f".writing-{path.name}")
        if not self.view.grab().save(str(temp), "PNG"):
            temp.unlink(missing_ok=True)
            raise OSError(f"无法保存图片：{path}")
        temp.replace(path)
        return path

    def export_xlsx(self, path: Path) -> Path:
        return export_chart_xlsx(self.stats, self.key, path)

    def _ask_png(self) -> None:
        name = f"{self.stats.year}年{self.title}.png"
        target, _ = QFileDialog.getSaveFileName(self, "导出图片", name, "PNG 图片 (*.png)")
        if target:
            self._safely(lambda: self.export_png(Path(target)))

    def _ask_xlsx(self) -> None:
        name = f"{self.stats.year}年{chart_table(self.stats, self.key)[0]}.xlsx"
        target, _ = QFileDialog.getSaveFileName(self, "导出表格", name, "Excel 表格 (*.xlsx)")
        if target:
            self._safely(lambda: self.export_xlsx(Path(target)))

    def _safely(self, export: Callable[[], Path]) -> None:
        try:
            export()
        except (UserFacingError, OSError) as error:
            show_error(self, error)


class StatCharts(QWidget):
    """The year's six charts in a grid, under the 工作台 alert cards."""

    def __init__(self, stats: YearStatistics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(14)
        self.cards = {key: ChartCard(stats, key, title) for key, title in CHARTS}
        for index, card in enumerate(self.cards.values()):
            grid.addWidget(card, index // COLUMNS, index % COLUMNS)

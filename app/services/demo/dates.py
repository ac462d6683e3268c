"""Where the demo's dates fall: relative to today, in the office's own working days (issue 18).

Every date the demo writes comes from here. On any day — 1 January, 29 February, a Monday after the
Spring Festival, a year whose holiday notice is not loaded (its provisional calendar is used) — no step
is dated after today or before the step it depends on, and each statutory period is met as the
deadline engine counts it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from app.services.workdays.calendar import WorkCalendar

TEMPLATE_YEAR = 2025  # the year the 决策目录 and 公文 texts were written for; other years shift them
QUARTERS = "一二三四"
_YEAR = re.compile(r"(?<!\d)20\d\d(?!\d)")
_ONE_DAY = timedelta(days=1)


def shift_years(day: date, years: int) -> date:
    """The same day `years` later (earlier if negative); 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def shift_text(text: str, years: int) -> str:
    """Every year written in a text (「赵府办〔2025〕27号」, 「2025—2027年」) moved by `years`."""
    return _YEAR.sub(lambda found: str(int(found.group()) + years), text) if years else text


def latest_fitting_year(today: date, template_last: date) -> int:
    """The latest year into which a template whose last date is `template_last` fits by today."""
    same_year = shift_years(template_last, today.year - template_last.year)
    return today.year if same_year <= today else today.year - 1


def working_day_before(calendar: WorkCalendar, day: date, n: int) -> date:
    """The n-th working day before `day` (n ≥ 1); `day` itself is not counted."""
    found = day
    for _ in range(n):
        found -= _ONE_DAY
        while not calendar.is_working_day(found):
            found -= _ONE_DAY
    return found


def quarter_of(day: date) -> tuple[int, str]:
    """(year, 「第三季度」-style name) of the quarter `day` lies in."""
    return day.year, f"第{QUARTERS[(day.month - 1) // 3]}季度"


def previous_quarter(day: date) -> tuple[int, str]:
    """The last quarter that has ended by `day` (村务公开 publishes a finished quarter's accounts)."""
    first_of_quarter = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return quarter_of(first_of_quarter - _ONE_DAY)


class DemoDates:
    """Today and the working days before it, as the office's calendar (loaded or provisional) counts them.

    `ago(0)` is the last working day on or before today; `ago(n)` the n-th working day before that.
    Steps placed at `ago(k)` with k falling are in order, and k − j working days lie between
    `ago(k)` and `ago(j)`: a deadline of N working days from `ago(k)` is `ago(k − N)`.
    """

    def __init__(self, today: date, calendar: WorkCalendar) -> None:
        self.today, self.calendar = today, calendar
        last = today
        while not calendar.is_working_day(last):
            last -= _ONE_DAY
        self._days = [last]  # ago(0), ago(1), … as far as asked

    def ago(self, n: int) -> date:
        while len(self._days) <= n:
            self._days.append(working_day_before(self.calendar, self._days[-1], 1))
        return self._days[n]

    def after(self, day: date, n: int) -> date:
        """The n-th working day after `day` (may lie after today: a deadline, a 补正 period's end)."""
        return self.calendar.nth_working_day_after(day, n)

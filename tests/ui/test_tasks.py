from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton

from app.errors import UserFacingError
from app.services.common import IsCancelled, Progress, check_cancel
from app.ui.tasks import PROGRESS_DELAY_MS, TaskRunner


@pytest.fixture
def runner(themed_app: QApplication) -> Iterator[TaskRunner]:
    task_runner = TaskRunner()
    yield task_runner
    task_runner.wait_for_idle()


def test_result_arrives_on_the_gui_thread(runner: TaskRunner, qtbot: QtBot) -> None:
    results: list[tuple[int, bool]] = []
    main_thread = threading.current_thread()
    runner.run(
        lambda progress, cancelled: 6 * 7,
        on_success=lambda value: results.append((value, threading.current_thread() is main_thread)),
    )
    qtbot.waitUntil(lambda: bool(results))
    assert results == [(42, True)]
    assert not runner.busy


def test_quick_job_shows_no_dialog_slow_job_does_and_cancel_stops_it(
    runner: TaskRunner, qtbot: QtBot
) -> None:
    quick = runner.run(lambda p, c: None, on_success=lambda _: None)
    qtbot.waitUntil(lambda: not runner.busy)
    assert quick.dialog is None

    seen: list[int] = []

    def slow(progress: Progress, is_cancelled: IsCancelled) -> str:
        for step in range(200):
            check_cancel(is_cancelled)
            progress(step, f"第 {step} 步")
            seen.append(step)
            time.sleep(0.02)
        return "finished"

    failures: list[BaseException] = []
    successes: list[str] = []
    task = runner.run(slow, on_success=successes.append, on_failure=failures.append)
    qtbot.wait(PROGRESS_DELAY_MS + 300)
    assert task.dialog is not None and task.dialog.isVisible()
    assert task.dialog.labelText().startswith("第 ")
    cancel_button = task.dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "取消"
    qtbot.mouseClick(cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert successes == [] and len(failures) == 1 and "取消" in str(failures[0])
    assert len(seen) < 200


def test_user_error_reaches_the_failure_callback(runner: TaskRunner, qtbot: QtBot) -> None:
    def job(progress: Progress, is_cancelled: IsCancelled) -> None:
        raise UserFacingError("第12行：成文日期不是有效日期")

    failures: list[BaseException] = []
    runner.run(job, on_success=lambda _: None, on_failure=failures.append)
    qtbot.waitUntil(lambda: bool(failures))
    assert isinstance(failures[0], UserFacingError) and "第12行" in failures[0].message

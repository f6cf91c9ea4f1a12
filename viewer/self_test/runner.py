"""The self-test's steps, run on the real window (see :mod:`viewer.self_test`)."""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from atlases.sources.definitions import REGION_IDS
from atlases.sources.registry import DEFAULT_ATLAS, get_definition
from viewer import APP_NAME
from viewer.self_test import watchdog as watchdog_mod
from viewer.self_test.report import Check, ReportPathError, library_versions, write_report

EXIT_PASSED, EXIT_FAILED = 0, 1
#: Seconds each step may take; "select" is per region. Loading the atlas includes a cold start's mesh build.
STEP_TIMEOUTS = {"graphics": 60.0, "open window": 60.0, "load atlas": 300.0, "render": 60.0, "select": 30.0,
                 "enter lecture mode": 60.0, "leave lecture mode": 60.0, "close window": 30.0}
#: How often a wait looks at its condition, and the guard for dialogs (ms).
POLL_MS = 50


class StepFailed(Exception):
    """A step found a problem (the message is the check's detail)."""


class SelfTest:
    """One run of the self-test.

    Parameters
    ----------
    app : QApplication
    probe : ProbeRun or None
        The OpenGL check started before Qt was imported (None when disabled).
    atlas_dir : str or Path, optional
        ``--atlas-dir``.
    report_path : Path, optional
        Where the report goes (already checked); printed to stdout when None.
    """

    def __init__(self, app, probe=None, atlas_dir=None, report_path: Path | None = None):
        self.app = app
        self.probe = probe
        self.atlas_dir = atlas_dir
        self.report_path = report_path
        self.checks: list[Check] = []
        self.renderer = ""
        self.window: Any = None   # the MainWindow while it is open
        self.started = time.monotonic()
        self._problems: list[str] = []   # dialogs closed and uncaught errors, for the current step
        self._timed_out: dict[str, float] = {}
        self._current: str | None = None
        self._timeout, self._deadline = 0.0, 0.0   # the running step's limit, and when it passes
        self.settings_file = Path()   # a throwaway settings file, inside a temporary folder while run() runs
        self._guard = QTimer(interval=POLL_MS)
        self._guard.timeout.connect(self._close_dialogs)
        self.watchdog = watchdog_mod.Watchdog(self._on_hang)

    # running --------------------------------------------------------------------
    def steps(self):
        """``(name, timeout, function)`` in order; a failed step skips the ones after it."""
        yield "graphics", STEP_TIMEOUTS["graphics"], self.check_graphics
        yield "open window", STEP_TIMEOUTS["open window"], self.open_window
        yield "load atlas", STEP_TIMEOUTS["load atlas"], self.load_atlas
        yield "render", STEP_TIMEOUTS["render"], self.render
        for region_id in REGION_IDS:
            yield f"select {region_id}", STEP_TIMEOUTS["select"], partial(self.select_region, region_id)
        yield "enter lecture mode", STEP_TIMEOUTS["enter lecture mode"], self.enter_lecture_mode
        yield "leave lecture mode", STEP_TIMEOUTS["leave lecture mode"], self.leave_lecture_mode
        yield "close window", STEP_TIMEOUTS["close window"], self.close_window

    def run(self) -> int:
        """Run every step; write or print the report; return the exit code."""
        import tempfile

        previous_hooks = sys.excepthook
        sys.excepthook = self._excepthook
        self._guard.start()
        self.watchdog.start()
        failed = None
        try:
            with tempfile.TemporaryDirectory(prefix="brain-explorer-self-test-") as folder:
                self.settings_file = Path(folder) / "settings.ini"
                for name, timeout, step in self.steps():
                    if failed is not None:
                        self.checks.append(Check(name, False, 0.0, f"not run: {failed!r} failed"))
                        continue
                    if not self._run_step(name, timeout, step):
                        failed = name
                self._close_quietly()
        finally:
            self.watchdog.stop()
            self._guard.stop()
            sys.excepthook = previous_hooks
        return self.finish()

    def _run_step(self, name: str, timeout: float, step) -> bool:
        self._current, self._problems = name, []
        self._save_progress(name)
        self.watchdog.arm(name, timeout)
        start = time.monotonic()
        self._timeout, self._deadline = timeout, start + timeout
        try:
            detail = step()
            self._take_problems()
            ok = True
        except StepFailed as exc:
            ok, detail = False, str(exc)
        except Exception as exc:  # noqa: BLE001 - any error in a step is that step's failure, reported
            from viewer.runtime.crash_log import summary

            ok, detail = False, f"unexpected error: {summary(type(exc), exc)}"
        finally:
            self.watchdog.disarm()
        if name in self._timed_out:
            ok, detail = False, self._hang_detail(self._timed_out[name])
        self.checks.append(Check(name, ok, round(time.monotonic() - start, 3), detail or ""))
        self._current = None
        return ok

    def report(self, unfinished: str | None = None, hang_seconds: float | None = None) -> dict:
        """The report as a dict; ``unfinished`` names a step that has not ended (it is listed as failed)."""
        checks = [asdict(c) for c in self.checks]
        if unfinished is not None:
            detail = (self._hang_detail(hang_seconds) if hang_seconds is not None
                      else "did not finish (the app stopped or was stuck here)")
            checks.append(asdict(Check(unfinished, False, 0.0, detail)))
        ok = bool(checks) and all(c["ok"] for c in checks)
        return {"app": APP_NAME, "ok": ok, "seconds": round(time.monotonic() - self.started, 3),
                "renderer": self.renderer, "atlas": DEFAULT_ATLAS, "checks": checks,
                "versions": library_versions(), "platform": _platform()}

    def finish(self, data: dict | None = None) -> int:
        """Write or print the report and say the outcome; the exit code."""
        import json

        data = data if data is not None else self.report()
        failed = [c for c in data["checks"] if not c["ok"]]
        if self.report_path is None:
            print(json.dumps(data, indent=2), flush=True)
        else:
            try:
                write_report(data, self.report_path)
            except ReportPathError as exc:  # the message names the file
                print(f"error: {exc}", file=sys.stderr)
                return EXIT_FAILED
        if failed:
            first = failed[0]
            print(f"self-test FAILED at {first['name']!r}: {first['detail']}", file=sys.stderr, flush=True)
            return EXIT_FAILED
        if self.report_path is not None:
            print(f"self-test passed: {len(data['checks'])} checks in {data['seconds']:.1f} s; "
                  f"report in {self.report_path}", flush=True)
        return EXIT_PASSED

    def _save_progress(self, step: str) -> None:
        """Before a step: the report so far, with ``step`` as not finished (a crash leaves this)."""
        if self.report_path is not None:
            try:
                write_report(self.report(unfinished=step), self.report_path)
            except ReportPathError:
                pass   # the final write reports the problem

    def _on_hang(self, step: str, seconds: float) -> None:
        """The watchdog (its own thread): the main thread is stuck in ``step``. Report and end the process."""
        self._timed_out[step] = seconds
        code = self.finish(self.report(unfinished=step, hang_seconds=seconds))
        watchdog_mod.exit_now(code if code != EXIT_PASSED else EXIT_FAILED)

    @staticmethod
    def _hang_detail(seconds: float) -> str:
        return f"did not finish within {seconds:g} s (the app was stuck)"

    # what can go wrong between the lines ---------------------------------------------
    def _excepthook(self, exc_type, exc, tb) -> None:
        from viewer.runtime.crash_log import summary, write_log

        path = write_log(exc_type, exc, tb, "self-test")
        self._problems.append(f"uncaught error: {summary(exc_type, exc)}" + (f" (details in {path})" if path else ""))

    def _close_dialogs(self) -> None:
        """A dialog would wait for a click nobody makes: note its text and close it."""
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            return
        text = dialog.text() if isinstance(dialog, QMessageBox) else ""
        text = " ".join(_plain(text).split())   # one line
        self._problems.append(f"a dialog opened: {dialog.windowTitle()}: {text}".rstrip(": "))
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.close()

    def _take_problems(self) -> None:
        if self._problems:
            problems, self._problems = self._problems, []
            raise StepFailed("; ".join(problems))

    def wait_until(self, condition, what: str) -> None:
        """Run the event loop until ``condition()`` holds; StepFailed at the step's time limit or on a problem."""
        deadline = self._deadline
        loop = QEventLoop()
        timer = QTimer(interval=POLL_MS)

        def poll() -> None:
            if self._problems or condition() or time.monotonic() > deadline:
                loop.quit()

        timer.timeout.connect(poll)
        if not condition():
            timer.start()
            loop.exec()
            timer.stop()
        self._take_problems()
        if not condition():
            raise StepFailed(f"{what} did not happen within {self._timeout:g} s")

    # the steps ----------------------------------------------------------------------
    def check_graphics(self) -> str:
        if self.probe is None:
            return "skipped (BRAIN_EXPLORER_GL_PROBE=0)"
        result = self.probe.result()
        self.renderer = result.renderer
        if not result.ok:
            raise StepFailed(result.message)
        return f"{result.renderer}; OpenGL {result.version}"

    def open_window(self) -> str:
        from viewer.app import build_window

        # the app's window, with the default atlas, the built-in content and settings of its own
        settings = QSettings(str(self.settings_file), QSettings.Format.IniFormat)
        self.window = build_window(Namespace(atlas=DEFAULT_ATLAS, atlas_dir=self.atlas_dir, theme=None),
                                   settings=settings)
        self.window.show()
        handle = self.window.windowHandle()
        self.wait_until(lambda: handle is not None and handle.isExposed(), "the window showing")
        return f"{self.window.width()}x{self.window.height()} pixels"

    def load_atlas(self) -> str:
        w = self.window
        name = get_definition(DEFAULT_ATLAS).name
        w.load_atlas(DEFAULT_ATLAS)   # (the app starts it before showing the window: the same load)
        self.wait_until(lambda: w.state.loaded_atlas == DEFAULT_ATLAS and w.brain_view.scene is not None,
                        f"loading the {name} atlas")
        return f"{name} on screen"

    def _rendered(self, when: str) -> str:
        from viewer.runtime.render_quality import renderer_name
        from viewer.scene.image_output import blank_reason

        image = self.window.brain_view.snapshot()
        self.renderer = renderer_name(self.window.brain_view.plotter.render_window) or self.renderer
        reason = blank_reason(image)
        if reason is not None:
            raise StepFailed(f"{when}: {reason}")
        return f"{image.shape[1]}x{image.shape[0]} pixels, not blank"

    def render(self) -> str:
        return self._rendered("the 3D view")

    def select_region(self, region_id: str) -> str:
        w = self.window
        name = w.content.region(region_id).name
        item = w.region_list.item_for(region_id)
        if item is None:
            raise StepFailed(f"{name!r} is not in the region list")
        w.region_list.setCurrentItem(item)   # as a click in the list does
        panel = w.panel
        self.wait_until(lambda: panel.current_title() == name, f"the side panel showing {name!r}")
        if panel.tabs.currentWidget() is not panel.region_browser or name not in panel.region_browser.toPlainText():
            raise StepFailed(f"the side panel's Region tab does not show {name!r}")
        if not panel.isVisible() or w.splitter.side_collapsed():
            raise StepFailed("the side panel is not visible")
        return f"the side panel shows {name!r}"

    def enter_lecture_mode(self) -> str:
        w = self.window
        w.tours.lecture_action.trigger()   # as F5 does
        self.wait_until(lambda: w.lecture.active and w.state.lecture_mode and not w.side.isVisible(),
                        "lecture mode (side panel hidden)")
        return f"theme {w.state.theme}; {self._rendered('the 3D view in lecture mode')}"

    def leave_lecture_mode(self) -> str:
        w = self.window
        w.tours.lecture_action.trigger()
        self.wait_until(lambda: not w.lecture.active and not w.state.lecture_mode and w.side.isVisible(),
                        "leaving lecture mode (side panel back)")
        return f"theme {w.state.theme}"

    def close_window(self) -> str:
        w, self.window = self.window, None
        w.close()
        self.wait_until(lambda: not w.isVisible(), "the window closing")
        w.deleteLater()
        return "closed"

    def _close_quietly(self) -> None:
        """After a failed step: close the window without asking anything (its settings file is thrown away)."""
        if self.window is not None:
            window, self.window = self.window, None
            try:
                window.close()
                window.deleteLater()
            except RuntimeError:   # already deleted by Qt
                pass


def _plain(text: str) -> str:
    from PySide6.QtGui import Qt, QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(text).toPlainText() if Qt.mightBeRichText(text) else text


def _platform() -> dict:
    import platform

    return {"system": platform.platform(), "frozen": bool(getattr(sys, "frozen", False))}

"""``main.py --self-test``: start the real window, drive it once, and report what worked.

For a school's IT staff: run it on every classroom machine (or remotely) and
read one JSON report. The steps, in order (:data:`STEP_TIMEOUTS`):

1. the OpenGL check (the same child process as at a normal start);
2. the window opens; 3. the default atlas loads (its meshes are built or read
   from the cache as at a normal start); 4. the 3D view renders an image that
   is not blank (:func:`viewer.scene.image_output.blank_reason`);
5. each region of the built-in content is selected in the region list and the
   side panel shows it; 6. lecture mode is entered (and still renders) and
   7. left again; 8. the window closes.

Nothing here may leave a classroom machine stuck: every step has a time
limit. A step that waits (for the atlas, a panel) fails when its limit
passes; a step stuck inside a call is caught by a watchdog thread, which
writes the report and ends the process with exit code 1
(``faulthandler`` ends it too, a little later, if even that thread cannot
run). A dialog that opens during a step (an atlas failure, an error) is
closed and fails the step with its text; an uncaught exception fails it too.

The self-test uses a throwaway settings file, so it neither reads nor changes
the user's preferences. With ``--report FILE`` the report is written before
each step as well (the current step marked as not finished), so even a crash
leaves a report naming the step it stopped in.
"""

from __future__ import annotations

import sys

from viewer.self_test.report import ReportPathError, check_report_path

__all__ = ["ReportPathError", "check_report_path", "run_self_test"]


def run_self_test(atlas_dir=None, report=None) -> int:
    """Run the self-test on this machine; return the exit code (0 all passed, 1 otherwise).

    Parameters
    ----------
    atlas_dir : str or Path, optional
        ``--atlas-dir``: where downloaded atlases are (the default atlas needs none).
    report : str or Path, optional
        The JSON report's file; printed to stdout when None.

    Raises
    ------
    ReportPathError
        ``report`` cannot be written (checked before the window opens).
    """
    target = check_report_path(report) if report is not None else None
    from viewer.app import prepare_environment

    prepare_environment()
    from atlases.meshes.brain_model import start_build
    from atlases.sources.registry import DEFAULT_ATLAS
    from viewer.runtime import gl_probe

    probe = gl_probe.start_probe() if gl_probe.probe_enabled() else None
    start_build(DEFAULT_ATLAS, atlas_dir)   # as at a normal start: a cold cache meshes in a child meanwhile
    from PySide6.QtWidgets import QApplication

    from viewer import APP_NAME, ORGANIZATION
    from viewer.self_test.runner import SelfTest

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    return SelfTest(app, probe, atlas_dir, target).run()

"""Start the desktop app: QApplication, content, state, main window."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger(__name__)


def prepare_environment() -> None:
    """Settings that must be made before the QApplication exists.

    The VTK widget needs an X (xcb) surface; under Wayland, ask Qt for
    XWayland instead of the native Wayland platform.
    """
    if sys.platform.startswith("linux") and os.environ.get("WAYLAND_DISPLAY") and \
            not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"


def create_window(args=None, settings=None, content_dir=None):
    """Build the state and main window (used by :func:`run_app` and the tests).

    Parameters
    ----------
    args : argparse.Namespace, optional
        ``atlas``, ``theme`` and ``atlas_dir`` override saved settings.
    settings : QSettings, optional
        Defaults to the user's settings file.
    content_dir : path, optional
        A content folder instead of the built-in one.

    Returns
    -------
    MainWindow
        Already loading its atlas in the background; not shown yet.
    """
    from atlases.content import load_content
    from viewer.main_window import MainWindow
    from viewer.settings import default_settings
    from viewer.state import AppState

    content = load_content(content_dir)
    state = AppState()
    window = MainWindow(state, content, settings if settings is not None else default_settings(),
                        data_dir=getattr(args, "atlas_dir", None))
    window.restore_settings()
    if getattr(args, "theme", None):
        state.set_theme(args.theme)
    if getattr(args, "atlas", None):
        state.set_atlas(args.atlas)
    if window._task is None:  # restore_settings kept the default atlas: load it now
        window.load_atlas(state.atlas)
    return window


def run_app(args=None) -> int:
    """Run the window until it is closed; returns the exit code."""
    prepare_environment()
    from PySide6.QtWidgets import QApplication, QMessageBox

    from atlases.errors import ExplorerError

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Brain Region Explorer")
    app.setOrganizationName("BrainRegionExplorer")
    try:
        window = create_window(args)
    except ExplorerError as exc:
        QMessageBox.critical(None, "Brain Region Explorer", str(exc))
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not window.settings.contains("geometry"):
        window.resize(1400, 860)
    window.show()
    return app.exec()

"""Start the desktop app: graphics check, QApplication, error reporting, content, state, main window.

Start-up order (see :func:`run_app`):

1. the OpenGL check (:mod:`viewer.runtime.gl_probe`) starts in a child process, so
   it runs while this process imports Qt and VTK;
2. the QApplication exists; uncaught exceptions are logged and shown
   (:mod:`viewer.runtime.error_reporting`);
3. the content is loaded: a lecturer's folder (``--content DIR``) when it is
   valid, else the built-in content with a warning;
4. the OpenGL answer is awaited; if the check failed, a dialog offers a
   restart with software rendering instead of letting VTK crash the app;
5. the window is built and shown.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

from viewer import APP_NAME, ORGANIZATION

log = logging.getLogger(__name__)


def prepare_environment() -> None:
    """Settings that must be made before the QApplication (or any OpenGL context) exists.

    The VTK widget needs an X (xcb) surface; under Wayland, ask Qt for
    XWayland instead of the native Wayland platform. (``--software-gl`` is
    applied by ``main.py`` before anything else.)
    """
    if sys.platform.startswith("linux") and os.environ.get("WAYLAND_DISPLAY") and \
            not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"


def load_content_or_builtin(folder=None):
    """A lecturer's content folder, or the built-in content when that folder is unusable.

    Parameters
    ----------
    folder : str or Path, optional
        The ``--content`` folder; the built-in content when None.

    Returns
    -------
    content : Content
    problem : ExplorerError or None
        Why ``folder`` was not used (the caller warns the user).
    """
    from atlases.errors import ExplorerError
    from atlases.teaching.content import load_content

    if folder is None:
        return load_content(), None
    try:  # (the folder's tours are loaded, and their problems shown, by the window's tour commands)
        return load_content(folder), None
    except ExplorerError as exc:  # not logged here: the caller's warning is the one line the user sees
        return load_content(), exc


def create_window(args=None, settings=None, content=None):
    """Build the state and main window, and start loading its first atlas (used by :func:`run_app` and the tests).

    Parameters are those of :func:`build_window`.

    Returns
    -------
    MainWindow
        Already loading its atlas in the background; not shown yet.
    """
    window = build_window(args, settings, content)
    window.load_atlas(window.state.atlas)
    return window


def build_window(args=None, settings=None, content=None):
    """Build the state and main window, with its settings restored; no atlas is loading yet.

    Parameters
    ----------
    args : argparse.Namespace, optional
        ``atlas``, ``theme``, ``atlas_dir`` and ``content`` override saved settings.
    settings : QSettings, optional
        Defaults to the user's settings file. A file Qt could not read is set aside
        (:func:`viewer.settings.settings_file.usable_settings`).
    content : Content, optional
        Already-loaded content; by default the folder ``args.content`` or the built-in one.

    Returns
    -------
    MainWindow
        Not shown yet.
    """
    from atlases.teaching.content import load_content
    from viewer.settings.language import resolve_language
    from viewer.settings.settings_file import usable_settings
    from viewer.settings.values import default_settings
    from viewer.window.app_state import AppState
    from viewer.window.main_window import MainWindow
    from viewer.window.presenter_commands import PresenterCommands
    from viewer.window.quiz_commands import QuizCommands

    settings = usable_settings(settings) if settings is not None else default_settings()
    language = resolve_language(getattr(args, "lang", None), settings)
    if content is None:
        content = load_content(getattr(args, "content", None), language=language)
    state = AppState(atlas=initial_atlas(args, settings))
    window = MainWindow(state, content, settings, data_dir=getattr(args, "atlas_dir", None))
    window.language = language   # of the interface and the built-in content, fixed at start
    window.quiz = QuizCommands(window, getattr(args, "content", None))   # the Quiz menu and panel
    window.presenter = PresenterCommands(window)   # View ▸ Presenter: the presenter view and the screens
    window.restore_settings(theme=getattr(args, "theme", None))
    return window


def initial_atlas(args, settings) -> str:
    """The atlas to open: the command line's, else the saved one if it is available, else the default."""
    from atlases.sources.registry import DEFAULT_ATLAS, atlas_ids, atlas_status
    from viewer.settings.values import read_str

    if getattr(args, "atlas", None):
        return args.atlas
    saved = read_str(settings, "atlas", DEFAULT_ATLAS, atlas_ids())
    return saved if atlas_status(saved, getattr(args, "atlas_dir", None)).available else DEFAULT_ATLAS


# -- graphics ------------------------------------------------------------------

def restart_command(argv=None) -> list[str]:
    """The command that starts this app again with ``--software-gl`` added."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--software-gl" not in argv:
        argv.append("--software-gl")
    if getattr(sys, "frozen", False):
        return [sys.executable, *argv]
    return [sys.executable, os.path.abspath(sys.argv[0]), *argv]


def restart_with_software_gl(argv=None) -> int:
    """Replace this process by the app with software OpenGL (on Windows: start it and return 0)."""
    from viewer.runtime.gl_probe import software_gl_environment

    command = restart_command(argv)
    env = software_gl_environment(os.environ)
    log.warning("restarting with software OpenGL: %s", command)
    if os.name == "posix":
        os.execve(command[0], command, env)  # replaces this process: returns only when mocked
    else:  # Windows has no real exec: start the new app and let this one end
        subprocess.Popen(command, env=env)
    return 0


def ask_about_graphics(result, software: bool) -> bool:
    """Tell the user the graphics check failed; True when they chose a software-rendering restart."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QMessageBox

    def tr(text):
        return QCoreApplication.translate("GraphicsCheck", text)

    box = QMessageBox(QMessageBox.Icon.Critical, tr(APP_NAME), "")
    box.setTextFormat(Qt.TextFormat.PlainText)   # the details are the driver's words (viewer/text/plain_text.py)
    details = result.message + (f"\n{tr('Renderer:')} {result.renderer}" if result.renderer else "")
    restart = None
    if software:
        box.setText(tr("The 3D view cannot start, even with software rendering:\n\n%1\n\n"
                       "Ask for help with the graphics drivers of this computer.").replace("%1", details))
    else:
        box.setText(tr("This computer's graphics (OpenGL) cannot show the 3D view:\n\n%1\n\n"
                       "This happens over remote desktop and with old graphics drivers. The app can restart "
                       "with software rendering, which works everywhere but is slower.").replace("%1", details))
        restart = box.addButton(tr("Restart with software rendering"), QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(tr("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restart or quit_button)
    box.exec()
    return restart is not None and box.clickedButton() is restart


# -- the app ---------------------------------------------------------------------

def start_first_atlas_build(args=None, settings=None) -> None:
    """At a cold start, build the first atlas's meshes in a child process right away.

    Called before Qt and VTK are imported: the child meshes on the second
    core while this process loads (cheap when the meshes are cached).
    """
    from atlases.meshes.brain_model import start_build
    from viewer.settings.values import default_settings

    settings = settings if settings is not None else default_settings()
    start_build(initial_atlas(args, settings), getattr(args, "atlas_dir", None))


def app_icon():
    """The app's icon (window title bar, task bar), from the PNGs bundled in ``assets/icons``.

    PNGs rather than the SVG: they need no Qt image plugin, so the icon shows in
    a bundle that leaves Qt's SVG plugins out.

    Returns
    -------
    QIcon
        Holds every bundled size; Qt picks the nearest one.
    """
    from PySide6.QtGui import QIcon

    from atlases.resources import list_assets

    icon = QIcon()
    for png in list_assets("icons", "hicolor/*/brain-region-explorer.png"):
        icon.addFile(str(png))
    return icon


def run_app(args=None) -> int:
    """Run the window until it is closed; returns the exit code."""
    from viewer.runtime import gl_probe

    prepare_environment()
    probe = gl_probe.start_probe() if gl_probe.probe_enabled() else None
    start_first_atlas_build(args)
    from PySide6.QtWidgets import QApplication

    from viewer.runtime.error_reporting import install_error_reporting

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setWindowIcon(app_icon())
    reporter = install_error_reporting(app)
    try:
        return _run(app, args, probe)
    finally:
        reporter.uninstall()


def _run(app, args, probe) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from atlases.errors import ExplorerError
    from viewer.runtime import gl_probe
    from viewer.text.plain_text import literal

    content, problem = load_content_or_builtin(getattr(args, "content", None))
    if problem is not None:
        print(f"warning: {problem}; using the built-in content", file=sys.stderr)
    import pyvistaqt  # noqa: F401 - the slow import, made while the graphics check runs

    if probe is not None:
        result = probe.result()
        log.info("graphics check: %s", result)
        if not result.ok:
            print(f"error: graphics check failed: {result.message}", file=sys.stderr)
            if ask_about_graphics(result, gl_probe.software_gl_active()):
                return restart_with_software_gl()
            return 1
    try:
        window = create_window(args, content=content)
    except ExplorerError as exc:
        QMessageBox.critical(None, app.translate("App", APP_NAME), literal(exc))
        print(f"error: {exc}", file=sys.stderr)
        return 1
    window.show()
    if getattr(args, "quiz", False):
        window.quiz.open()
    if window.settings_warning:
        box = QMessageBox(QMessageBox.Icon.Warning, app.translate("App", APP_NAME), window.settings_warning,
                          parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path is the user's, not markup
        box.exec()
    if problem is not None:
        QMessageBox.warning(window, app.translate("App", "Content folder not used"), literal(
            app.translate("App", "Your content folder could not be used:\n\n%1\n\n"
                          "The built-in content is shown instead.").replace("%1", str(problem))))
    return app.exec()

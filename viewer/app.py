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


def load_content_or_builtin(folder=None, language="en"):
    """The content of :func:`load_pack_or_builtin`: a lecturer's pack, or the built-in content when it is unusable.

    Returns
    -------
    content : Content
    problem : ExplorerError or None
        Why ``folder`` was not used (the caller warns the user).
    """
    pack, problem = load_pack_or_builtin(folder, language)
    return pack.content, (problem[1] if problem is not None else None)


def load_pack_or_builtin(path=None, language: str = "en"):
    """A lecturer's content pack (a folder or a zip), or the built-in content when that pack is unusable.

    Returns
    -------
    pack : ContentPack
    problem : tuple of (str, ExplorerError) or None
        The pack that was not used and why (the caller warns the user).
    """
    from atlases.errors import ExplorerError
    from atlases.teaching.content_pack import load_builtin_pack, load_pack
    from viewer.scene.camera_views import VIEWS

    if path is not None:
        try:
            return load_pack(path, language, VIEWS), None
        except ExplorerError as exc:   # not logged here: the caller's warning is the one line the user sees
            return load_builtin_pack(language, VIEWS), (path, exc)
    return load_builtin_pack(language, VIEWS), None


def create_window(args=None, settings=None, content=None, pack=None, pack_problem=None):
    """Build the state and main window, and start loading its first atlas (used by :func:`run_app` and the tests).

    Parameters are those of :func:`build_window`.

    Returns
    -------
    MainWindow
        Already loading its atlas in the background; not shown yet.
    """
    window = build_window(args, settings, content, pack, pack_problem)
    window.load_atlas(window.state.atlas)
    return window


def build_window(args=None, settings=None, content=None, pack=None, pack_problem=None):
    """Build the state and main window, with its settings restored; no atlas is loading yet.

    Parameters
    ----------
    args : argparse.Namespace, optional
        ``atlas``, ``theme``, ``atlas_dir`` and ``content`` override saved settings.
    settings : QSettings, optional
        Defaults to the user's settings file. A file Qt could not read is set aside
        (:func:`viewer.settings.settings_file.usable_settings`).
    content : Content, optional
        Already-loaded content, shown as it is (no content pack).
    pack : ContentPack, optional
        Already-loaded content pack; by default the pack ``args.content`` (a folder or a zip), else the
        built-in content (:func:`load_pack_or_builtin`).
    pack_problem : tuple of (str, Exception), optional
        The ``--content`` pack that could not be used and why (the window's banner says so and watches it).

    Returns
    -------
    MainWindow
        Not shown yet.
    """
    from viewer.settings.language import resolve_language
    from viewer.settings.settings_file import usable_settings
    from viewer.settings.values import default_settings
    from viewer.window.accessibility import BrainViewAccess
    from viewer.window.app_state import AppState
    from viewer.window.export_commands import ExportCommands
    from viewer.window.language_menu import LanguageMenu
    from viewer.window.main_window import MainWindow
    from viewer.window.pack_commands import PackCommands
    from viewer.window.presenter_commands import PresenterCommands
    from viewer.window.quiz_commands import QuizCommands

    settings = usable_settings(settings) if settings is not None else default_settings()
    language = resolve_language(getattr(args, "lang", None), settings)
    if content is None and pack is None:
        pack, pack_problem = load_pack_or_builtin(getattr(args, "content", None), language)
    if pack is not None:
        content = pack.content
    state = AppState(atlas=initial_atlas(args, settings))
    window = MainWindow(state, content, settings, data_dir=getattr(args, "atlas_dir", None))
    window.language = language   # of the interface and the built-in content, fixed at start
    window.language_menu = LanguageMenu(window)   # View ▸ Language: saved for the next start
    window.quiz = QuizCommands(window, getattr(args, "content", None) if pack is None else None)   # Quiz menu, panel
    window.packs = PackCommands(window, pack, pack_problem)   # content packs: File menu, name, live reload
    window.access = BrainViewAccess(window)   # the 3D view's focus, keys and screen-reader description
    window.presenter = PresenterCommands(window)   # View ▸ Presenter: the presenter view and the screens
    window.exports = ExportCommands(window)   # File ▸ Export image…, Copy image, movie, handout, 3D model
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
    from viewer.runtime.relaunch import app_command

    argv = list(sys.argv[1:] if argv is None else argv)
    if "--software-gl" not in argv:
        argv.append("--software-gl")
    return app_command(argv)


def restart_with_software_gl(argv=None) -> int:
    """Replace this process by the app with software OpenGL (on Windows: start it and return 0)."""
    from viewer.runtime.gl_probe import software_gl_environment
    from viewer.runtime.relaunch import relaunch

    return relaunch(restart_command(argv), software_gl_environment(os.environ))


def ask_about_graphics(result, software: bool) -> bool:
    """Tell the user the graphics check failed; True when they chose a software-rendering restart."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "")
    box.setTextFormat(Qt.TextFormat.PlainText)   # the details are the driver's words (viewer/text/plain_text.py)
    renderer = QCoreApplication.translate("GraphicsCheck", "Renderer:")
    details = result.message + (f"\n{renderer} {result.renderer}" if result.renderer else "")
    restart = None
    if software:
        box.setText(QCoreApplication.translate(
            "GraphicsCheck", "The 3D view cannot start, even with software rendering:\n\n%1\n\n"
            "Ask for help with the graphics drivers of this computer.").replace("%1", details))
    else:
        box.setText(QCoreApplication.translate(
            "GraphicsCheck", "This computer's graphics (OpenGL) cannot show the 3D view:\n\n%1\n\n"
            "This happens over remote desktop and with old graphics drivers. The app can restart "
            "with software rendering, which works everywhere but is slower.").replace("%1", details))
        restart = box.addButton(QCoreApplication.translate("GraphicsCheck", "Restart with software rendering"),
                                QMessageBox.ButtonRole.AcceptRole)
    quit_button = box.addButton(QCoreApplication.translate("GraphicsCheck", "Quit"), QMessageBox.ButtonRole.RejectRole)
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
    from viewer.runtime.translations import install_translators, remove_translators
    from viewer.settings.language import resolve_language
    from viewer.settings.values import default_settings

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    settings = default_settings()   # one settings object: the language is read from it here and in the window
    language = resolve_language(getattr(args, "lang", None), settings)
    translators = install_translators(app, language)   # before any widget takes its text
    app.setWindowIcon(app_icon())
    reporter = install_error_reporting(app)
    try:
        return _run(app, args, probe, settings, language)
    finally:
        reporter.uninstall()
        remove_translators(app, translators)


def _run(app, args, probe, settings=None, language: str | None = None) -> int:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from atlases.errors import ExplorerError
    from viewer.runtime import gl_probe
    from viewer.settings.language import resolve_language
    from viewer.settings.values import default_settings
    from viewer.text.plain_text import literal

    if settings is None:   # run_app passes the ones it read the language from
        settings = default_settings()
    if language is None:
        language = resolve_language(getattr(args, "lang", None), settings)
    pack, pack_problem = load_pack_or_builtin(getattr(args, "content", None), language)
    problem = pack_problem[1] if pack_problem is not None else None
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
        window = create_window(args, settings=settings, pack=pack, pack_problem=pack_problem)
    except ExplorerError as exc:
        QMessageBox.critical(None, APP_NAME, literal(exc))
        print(f"error: {exc}", file=sys.stderr)
        return 1
    window.show()
    if getattr(args, "quiz", False):
        window.quiz.open()
    if window.settings_warning:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, window.settings_warning,
                          parent=window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path is the user's, not markup
        box.exec()
    if problem is not None:
        QMessageBox.warning(window, app.translate("App", "Content folder not used"), literal(
            app.translate("App", "Your content folder could not be used:\n\n%1\n\n"
                          "The built-in content is shown instead.").replace("%1", str(problem))))
    return app.exec()

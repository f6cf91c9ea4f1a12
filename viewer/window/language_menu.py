"""View ▸ Language: the languages the app ships, the current one checked.

The interface and the built-in content are chosen together when the app
starts (:mod:`viewer.settings.language`). Choosing another language here
saves it as the ``language`` setting and says, in a plain-text message box,
that it applies at the next start, offering to restart now (the window closes,
saving its settings, and the app runs itself again with ``--lang``) or later.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from atlases.resources import DEFAULT_LANGUAGE, LANGUAGES
from viewer.runtime.relaunch import app_command, relaunch
from viewer.settings.language import SETTINGS_KEY


def restart_arguments(argv, language: str) -> list[str]:
    """This run's arguments with its ``--lang`` (if any) replaced by ``--lang language``.

    Parameters
    ----------
    argv : sequence of str
        The arguments after the program (``sys.argv[1:]``).
    language : str
        The language to start in.

    Returns
    -------
    list of str
    """
    kept, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True   # its value follows
        elif not arg.startswith("--lang="):
            kept.append(arg)
    return [*kept, "--lang", language]


class LanguageMenu(QObject):
    """The Language submenu of a main window's View menu.

    Parameters
    ----------
    window : MainWindow
        Needs ``view_menu``, ``settings`` and ``language`` (the language it started in).
    """

    def __init__(self, window, parent=None):
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.current = getattr(window, "language", DEFAULT_LANGUAGE)
        window.view_menu.addSeparator()
        self.menu = window.view_menu.addMenu(self.tr("Lan&guage"))
        self.menu.setObjectName("LanguageMenu")
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for code, name in LANGUAGES.items():   # each language by its own name, in every interface language
            action = QAction(name, self.menu)
            action.setCheckable(True)
            action.setChecked(code == self.current)
            action.triggered.connect(lambda _=False, c=code: self.choose(c))
            group.addAction(action)
            self.menu.addAction(action)
            self.actions[code] = action

    def choose(self, language: str) -> None:
        """Save ``language`` for the next start; for a change, offer to restart now."""
        settings = self.window.settings
        settings.setValue(SETTINGS_KEY, language)
        settings.sync()
        if language != self.current and self.ask_restart(language):
            self.restart(language)

    def restart_box(self, language: str) -> tuple[QMessageBox, object]:
        """The question: the box and its "Restart now" button (the other is "Later")."""
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Language"), "", parent=self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(self.tr("The app will be in %1 the next time it starts: the menus, the region texts, "
                            "the tours and the quizzes.").replace("%1", LANGUAGES[language]))
        restart = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        later = box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(later)
        box.setEscapeButton(later)
        return box, restart

    def ask_restart(self, language: str) -> bool:
        """True when the user chose "Restart now"."""
        box, restart = self.restart_box(language)
        box.exec()
        return box.clickedButton() is restart

    def restart(self, language: str) -> None:
        """Close the window (it saves its settings and stops its views), then run the app again in ``language``."""
        self.window.close()
        if self.window.isVisible():   # the window stayed open: no restart behind its back
            return
        relaunch(app_command(restart_arguments(sys.argv[1:], language)))

"""Content packs in the window: the File menu's commands, the pack's name, live reload and its banner.

:class:`PackCommands` adds to the File menu:

* Open content pack… (a ``.zip``, or any file of a pack's folder, e.g. its ``pack.toml``)
  and Open content pack folder…;
* Recent packs (at most :data:`MAX_RECENT`, kept in the settings; a pack that
  is gone is shown greyed, and Clear list empties it);
* Built-in content (back in one click).

The open pack's name and author are in the window title and in a status-bar
label (plain text). While a pack is open its files are watched
(:class:`~viewer.window.pack_watcher.PackWatcher`): a save reloads the pack
within a second; a broken save leaves the last good version on screen and
says why in a banner at the top of the window
(:class:`~viewer.window.pack_banner.PackBanner`), and the next good save
clears it. A pack that cannot be opened at all is reported in the same
banner. :func:`~viewer.window.content_switch.switch_content` hands the new
content to every part of the window.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QFileDialog, QMenu

from atlases.errors import ExplorerError
from atlases.teaching.content_pack import ContentPack, load_builtin_pack, load_pack
from viewer.scene.camera_views import VIEWS
from viewer.text.plain_text import literal, plain_label
from viewer.window.content_switch import switch_content
from viewer.window.pack_banner import PackBanner
from viewer.window.pack_watcher import PackWatcher

log = logging.getLogger(__name__)

#: Settings key of the recent packs (most recent first) and how many are kept.
RECENT_KEY, MAX_RECENT = "recent_packs", 8
#: A recent entry longer than this is no path anyone saved (a damaged settings file).
MAX_PATH_CHARS = 4096


def read_recent(settings) -> list[str]:
    """The recent packs saved in ``settings``: paths (text) only, at most :data:`MAX_RECENT`, no duplicates."""
    value = settings.value(RECENT_KEY, [])
    if isinstance(value, str):   # QSettings gives a one-item list back as its item
        value = [value]
    if not isinstance(value, (list, tuple)):
        return []
    paths: list[str] = []
    for item in value:
        if isinstance(item, str) and item.strip() and len(item) <= MAX_PATH_CHARS and "\0" not in item \
                and item not in paths:
            paths.append(item)
    return paths[:MAX_RECENT]


def menu_text(text: str) -> str:
    """``text`` for a menu item: '&' shown as itself, not as a shortcut mark."""
    return text.replace("&", "&&")


class PackCommands(QObject):
    """The window's content pack: menu commands, name, banner and live reload.

    Parameters
    ----------
    window : MainWindow
        With ``file_menu``, ``add_action``, ``settings``, ``language`` and the parts
        :func:`~viewer.window.content_switch.switch_content` updates.
    pack : ContentPack, optional
        The pack the window was built with; None: the window's content is
        shown as it is (built-in or given by the caller) and nothing is watched.
    problem : tuple of (str, Exception), optional
        A pack that could not be opened at start (its path and why): the
        banner says so and the pack is watched, so a fix opens it.
    """

    def __init__(self, window, pack: ContentPack | None = None, problem=None):
        super().__init__(window)
        self.window = window
        self.language = getattr(window, "language", "en")
        self.pack: ContentPack | None = pack
        self._pending: Path | None = None   # a pack that failed to open and is watched for a fix
        self._base_title = window.windowTitle()
        self.banner = PackBanner()
        self._put_banner_on_top()
        self.label = plain_label("", window)
        self.label.setObjectName("packLabel")
        window.statusBar().addPermanentWidget(self.label)
        self.watcher = PackWatcher(parent=self)
        self.watcher.changed.connect(self.reload)
        self._build_menu()
        if pack is not None:
            self.apply_pack(pack)
        else:
            self._show_name()
        if problem is not None:
            path, exc = problem
            self._failed(Path(path), exc, self._not_opened_text())
        window.installEventFilter(self)   # its close stops the watcher and the timer

    def _put_banner_on_top(self) -> None:
        """The banner above the window's stage (a hidden widget added to a layout: no re-parenting of the stage)."""
        self.window.central_column.insertWidget(0, self.banner)

    def _build_menu(self) -> None:
        w = self.window
        menu = w.file_menu
        self.open_action = w.add_action(self.tr("Open content &pack…"), lambda: self.open_dialog(),
                                        tip=self.tr("Open a lecturer's content pack: a .zip, or any file of a "
                                                    "pack's folder (e.g. its pack.toml)"))
        self.open_folder_action = w.add_action(self.tr("Open content pack &folder…"),
                                               lambda: self.open_folder_dialog(),
                                               tip=self.tr("Open a folder that holds a content pack"))
        self.recent_menu = QMenu(self.tr("&Recent packs"), w)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent_menu.setToolTipsVisible(True)
        self.builtin_action = w.add_action(self.tr("&Built-in content"), lambda: self.use_builtin(),
                                           tip=self.tr("Back to the content that comes with the app"))
        first = next((a for a in menu.actions() if a is not getattr(w.tours, "open_action", None)), None)
        for action in (self.open_action, self.open_folder_action):
            menu.insertAction(first, action)
        menu.insertMenu(first, self.recent_menu)
        menu.insertAction(first, self.builtin_action)
        menu.insertSeparator(first)
        self._fill_recent_menu()

    # commands -----------------------------------------------------------------
    def open_dialog(self) -> bool:
        """Ask for a pack (a zip, or a file of a pack's folder) and open it; False when cancelled or refused."""
        path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open content pack"), self._start_folder(),
                                              self.tr("Content packs (*.zip pack.toml);;All files (*)"))
        if not path:
            return False
        chosen = Path(path)
        return self.open_pack(chosen if chosen.suffix.lower() == ".zip" else chosen.parent)

    def open_folder_dialog(self) -> bool:
        """Ask for a pack's folder and open it; False when cancelled or refused."""
        folder = QFileDialog.getExistingDirectory(self.window, self.tr("Open content pack folder"),
                                                  self._start_folder())
        return self.open_pack(folder) if folder else False

    def open_pack(self, path: str | Path) -> bool:
        """Open the pack at ``path`` (a folder or a zip); on a problem the banner says why and nothing changes.

        Returns
        -------
        bool
            True when the pack was opened.
        """
        path = Path(path)
        try:
            pack = load_pack(path, self.language, VIEWS)
        except ExplorerError as exc:
            self.banner.show_problem(self.tr("The content pack was not opened: %1").replace("%1", str(exc)))
            return False
        self.apply_pack(pack)
        return True

    def use_builtin(self) -> None:
        """Back to the built-in content (in the window's language)."""
        try:
            pack = load_builtin_pack(self.language, VIEWS)
        except ExplorerError as exc:   # a broken installation: say so, keep what is shown
            self.banner.show_problem(str(exc))
            return
        self.apply_pack(pack)

    def reload(self) -> None:
        """Read the open pack again (its files changed); a broken version leaves the last good one on screen."""
        source = self._pending or (self.pack.info.source if self.pack is not None else None)
        if source is None:
            return
        try:
            pack = load_pack(source, self.language, VIEWS)
        except ExplorerError as exc:
            log.info("content pack not reloaded: %s", exc)
            if self._pending is not None:   # it never opened: the built-in content is what is on screen
                self.banner.show_problem(self._not_opened_text().replace("%1", str(exc)))
            else:
                self.banner.show_problem(self.tr("The content pack has a problem; the last good version stays on "
                                                 "screen until it is fixed: %1").replace("%1", str(exc)))
            return
        self.apply_pack(pack)

    def apply_pack(self, pack: ContentPack) -> None:
        """Show ``pack`` in the window, watch its files, name it and remember it among the recent packs."""
        shown = pack.content is self.window.content   # the window was built with it: no need to show it again
        self.pack, self._pending = pack, None
        for note in pack.notes:
            log.info("content pack %s: %s", pack.info.name, note)
        switch_content(self.window, pack, "\n\n".join(pack.quiz_notes), content_shown=shown)
        self.banner.hide()
        if pack.info.builtin:
            self.watcher.stop()
        else:
            self.watcher.watch(pack.watch)
            self._remember(pack.info.source)
        self._show_name()

    def close(self) -> None:
        """Stop watching (the window closes)."""
        self.watcher.stop()

    # internals -------------------------------------------------------------------
    def _not_opened_text(self) -> str:
        return self.tr("The content pack could not be opened; the built-in content is shown. Save a fix and it "
                       "opens: %1")

    def _failed(self, path: Path, exc: Exception, template: str) -> None:
        """Say why ``path`` did not open, and watch it so that a fix opens it."""
        self._pending = path
        self.banner.show_problem(template.replace("%1", str(exc)))
        if path.suffix.lower() == ".zip":
            self.watcher.watch((path,))
        else:
            subs = [path / sub for sub in ("regions", "tours", "quizzes") if (path / sub).is_dir()]
            self.watcher.watch([path, *subs, *(p for sub in subs for p in sub.glob("*.toml")), *path.glob("*.toml")])

    def _show_name(self) -> None:
        info = self.pack.info if self.pack is not None else None
        if info is None or info.builtin:
            self.window.setWindowTitle(self._base_title)
            self.label.setText(self.tr("Built-in content"))
            self.label.setToolTip("")
            return
        named = f"{info.name} ({info.author})" if info.author else info.name
        # "[*]" in a window title is Qt's "modified" mark; doubled, it shows as written
        self.window.setWindowTitle(f"{named.replace('[*]', '[*][*]')} \u2014 {self._base_title}")
        self.label.setText(self.tr("Pack: %1").replace("%1", named))
        details = [info.description, str(info.source)] if info.description else [str(info.source)]
        self.label.setToolTip(literal("\n\n".join(details)))

    def _start_folder(self) -> str:
        recent = read_recent(self.window.settings)
        return str(Path(recent[0]).parent) if recent else ""

    def _remember(self, source: Path | None) -> None:
        if source is None:
            return
        text = str(Path(os.path.abspath(source)))
        paths = [text] + [p for p in read_recent(self.window.settings) if p != text]
        self.window.settings.setValue(RECENT_KEY, paths[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        for action in menu.actions():
            menu.removeAction(action)
            action.deleteLater()
        recent = read_recent(self.window.settings)
        for path in recent:
            action = menu.addAction(menu_text(path))
            action.setToolTip(literal(path))
            action.setData(path)
            if not os.path.exists(path):   # gone (a USB stick, a deleted folder): shown, greyed
                action.setText(self.tr("%1 (not found)").replace("%1", menu_text(path)))
                action.setEnabled(False)
            action.triggered.connect(lambda _=False, p=path: self.open_pack(p))
        if not recent:
            empty = menu.addAction(self.tr("No recent packs"))
            empty.setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("&Clear list"), self._clear_recent)
        clear.setEnabled(bool(recent))

    def _clear_recent(self) -> None:
        self.window.settings.setValue(RECENT_KEY, [])

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.close()
        return False

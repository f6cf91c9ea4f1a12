"""The keyboard-navigable list of regions, with a visibility check box each."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from viewer.scene.themes import get_theme
from viewer.window.app_state import AppState

_ID_ROLE = Qt.ItemDataRole.UserRole


class RegionList(QListWidget):
    """Selecting an item selects the region; its check box shows or hides it.

    Parameters
    ----------
    state : AppState
    regions : dict of str to str
        Region id to display name, in display order.
    """

    def __init__(self, state: AppState, regions: dict[str, str], parent=None):
        super().__init__(parent)
        self.state = state
        self.setAccessibleName(self.tr("Brain regions"))
        self.setSelectionMode(QListWidget.SelectionMode.SingleSelection)
        for region_id, name in regions.items():
            item = QListWidgetItem(name)
            item.setData(_ID_ROLE, region_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(self.tr("Select to read about this region; untick to hide it"))
            self.addItem(item)
        self._update_icons(state.theme)
        self.itemSelectionChanged.connect(self._on_selection)
        self.itemChanged.connect(self._on_item_changed)
        state.selectedRegionChanged.connect(self._sync_selection)
        state.regionVisibilityChanged.connect(self._sync_visibility)
        state.themeChanged.connect(self._update_icons)

    def fit_height(self) -> None:
        """Exactly as tall as its rows (they grow with the text size)."""
        rows = sum(self.sizeHintForRow(i) for i in range(self.count()))
        self.setFixedHeight(rows + 2 * self.frameWidth())

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self.fit_height()   # the style sheet sizes the rows when the list is first polished

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self.fit_height()

    def set_names(self, regions: dict[str, str]) -> None:
        """Show other names (a content pack's) for the same regions."""
        with QSignalBlocker(self):
            for region_id, name in regions.items():
                item = self.item_for(region_id)
                if item is not None:
                    item.setText(name)
        self.fit_height()

    def item_for(self, region_id: str) -> QListWidgetItem | None:
        for i in range(self.count()):
            if self.item(i).data(_ID_ROLE) == region_id:
                return self.item(i)
        return None

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt override
        # Esc belongs to the window (clear selection / leave lecture mode)
        if event.key() == Qt.Key.Key_Escape:
            event.ignore()
            return
        super().keyPressEvent(event)

    # widget -> state
    def _on_selection(self) -> None:
        items = self.selectedItems()
        self.state.select_region(items[0].data(_ID_ROLE) if items else None)

    def _on_item_changed(self, item: QListWidgetItem) -> None:
        self.state.set_region_visible(item.data(_ID_ROLE), item.checkState() == Qt.CheckState.Checked)

    # state -> widget (signals blocked so nothing loops back)
    def _sync_selection(self, region_id) -> None:
        with QSignalBlocker(self):
            self.clearSelection()
            item = self.item_for(region_id) if region_id else None
            if item is not None:
                item.setSelected(True)
                self.setCurrentItem(item)

    def _sync_visibility(self, region_id: str, visible: bool) -> None:
        item = self.item_for(region_id)
        if item is not None:
            with QSignalBlocker(self):
                item.setCheckState(Qt.CheckState.Checked if visible else Qt.CheckState.Unchecked)

    def _update_icons(self, theme_id: str) -> None:
        theme = get_theme(theme_id)
        with QSignalBlocker(self):
            for i in range(self.count()):
                pix = QPixmap(16, 16)
                pix.fill(QColor(theme.regions[self.item(i).data(_ID_ROLE)]))
                self.item(i).setIcon(QIcon(pix))

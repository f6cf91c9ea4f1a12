"""The option dialogs of File ▸ Export image…, Export movie… and Export handout….

Each dialog asks for the file and the export's options, and remembers them in
the settings; what it reads back from the settings is bounded (a settings
file can be damaged or edited). :meth:`ExportDialog.job_options` gives the
options as :class:`viewer.exports.jobs.ExportJob` takes them. The dialogs
import nothing heavy: they only gather choices.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from viewer.settings.values import read_bool, read_float, read_str

#: Image sizes offered (width, height); the last entry of the size list is "Custom".
IMAGE_PRESETS = ((1920, 1080), (3840, 2160), (3508, 2480), (2480, 3508))
MOVIE_PRESETS = ((1280, 720), (1920, 1080), (640, 360))
SIDE_RANGE = (16, 8192)
FPS_RANGE = (1, 60)
#: A movie's length in seconds (a turn; a tour's length follows from the tour).
SECONDS_RANGE = (1, 600)
#: Image formats that cannot keep a transparent background.
OPAQUE_FORMATS = (".jpg", ".jpeg", ".bmp")
MAX_CAPTION = 500
MAX_PATH = 4096


class ExportDialog(QDialog):
    """A file to write and options below it; OK is enabled when a file is named."""

    #: Settings group, default file name and the file-dialog filter's extensions (set by subclasses).
    group = "export"
    default_name = "brain.png"
    extensions: tuple[str, ...] = (".png",)

    def __init__(self, settings: QSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.form = QFormLayout()
        self.path_edit = QLineEdit()
        self.path_edit.setMaxLength(MAX_PATH)
        self.path_edit.setMinimumWidth(360)
        browse = QPushButton(self.tr("&Choose…"))
        browse.clicked.connect(self._choose_file)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        holder = QWidget()
        holder.setLayout(row)
        self.form.addRow(self.tr("&File:"), holder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addLayout(self.form)
        column.addWidget(self.buttons)
        self.path_edit.textChanged.connect(self._path_changed)
        saved = self.settings.value(f"{self.group}/folder", "")   # untrusted: any type, any length
        usable = isinstance(saved, str) and 0 < len(saved) < MAX_PATH and "\x00" not in saved
        folder = Path(saved) if usable and Path(saved).is_dir() else Path.home()
        self.path_edit.setText(str(folder / self.default_name))

    def _read_str(self, key: str, default: str, valid) -> str:
        return read_str(self.settings, f"{self.group}/{key}", default, valid)

    def _read_int(self, key: str, default: int, low: int, high: int) -> int:
        return int(round(read_float(self.settings, f"{self.group}/{key}", default, low, high)))

    def _read_bool(self, key: str, default: bool) -> bool:
        return read_bool(self.settings, f"{self.group}/{key}", default)

    def _choose_file(self) -> None:
        patterns = " ".join(f"*{ext}" for ext in self.extensions)
        path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), self.path_edit.text(),
                                              self.tr("Files (%s)") % patterns)
        if path:
            self.path_edit.setText(path)

    def _path_changed(self, text: str) -> None:
        ok = bool(text.strip())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def path(self) -> str:
        """The file to write, as typed or chosen."""
        return self.path_edit.text().strip()

    def job_options(self) -> dict:
        """The options, as :class:`viewer.exports.jobs.ExportJob` takes them."""
        raise NotImplementedError

    def remember(self) -> None:
        """Save the choices for next time (the folder, not the file name)."""
        folder = Path(self.path()).parent
        if str(folder) and folder.is_dir():
            self.settings.setValue(f"{self.group}/folder", str(folder))


def _size_combo(presets, custom_text: str, names: dict) -> QComboBox:
    combo = QComboBox()
    for size in presets:
        combo.addItem(names.get(size, f"{size[0]} × {size[1]}"), size)
    combo.addItem(custom_text, None)
    return combo


def _side_spin() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(*SIDE_RANGE)
    spin.setSuffix(" px")
    return spin


class _SizeChoice:
    """A preset list and a custom width × height (enabled only for Custom)."""

    def __init__(self, combo: QComboBox, default: tuple[int, int]):
        self.combo, self.width, self.height = combo, _side_spin(), _side_spin()
        self.width.setValue(default[0])
        self.height.setValue(default[1])
        combo.currentIndexChanged.connect(self._preset_changed)

    def row(self) -> QWidget:
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.combo, self.width, self.height):
            row.addWidget(widget)
        return holder

    def set_size(self, size: tuple[int, int]) -> None:
        index = next((i for i in range(self.combo.count()) if tuple(self.combo.itemData(i) or ()) == tuple(size)), -1)
        self.width.setValue(size[0])
        self.height.setValue(size[1])
        self.combo.setCurrentIndex(index if index >= 0 else self.combo.count() - 1)
        self._preset_changed()

    def _preset_changed(self, *args) -> None:
        preset = self.combo.currentData()
        custom = preset is None
        self.width.setEnabled(custom)
        self.height.setEnabled(custom)
        if not custom:
            self.width.setValue(preset[0])
            self.height.setValue(preset[1])

    def size(self) -> tuple[int, int]:
        return self.width.value(), self.height.value()


class ImageExportDialog(ExportDialog):
    """Export image: size presets (HD, 4K, A4 at 300 dpi) or custom, transparency, labels, legend, caption, inset."""

    group = "export/image"
    default_name = "brain.png"
    extensions = (".png", ".tif", ".tiff", ".jpg", ".jpeg", ".bmp")

    def __init__(self, settings: QSettings, caption: str = "", inset_available: bool = True, parent=None):
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("Export image"))
        names = {(1920, 1080): self.tr("1920 × 1080 (Full HD)"), (3840, 2160): self.tr("3840 × 2160 (4K)"),
                 (3508, 2480): self.tr("A4 landscape, 300 dpi (3508 × 2480)"),
                 (2480, 3508): self.tr("A4 portrait, 300 dpi (2480 × 3508)")}
        self.sizes = _SizeChoice(_size_combo(IMAGE_PRESETS, self.tr("Custom"), names), IMAGE_PRESETS[0])
        self.form.addRow(self.tr("&Size:"), self.sizes.row())
        self.transparent = QCheckBox(self.tr("&Transparent background (PNG or TIFF)"))
        self.labels = QCheckBox(self.tr("Region &labels"))
        self.legend = QCheckBox(self.tr("L&egend of the regions' colours"))
        self.caption_box = QCheckBox(self.tr("Ca&ption:"))
        self.caption = QLineEdit(caption[:MAX_CAPTION])
        self.caption.setMaxLength(MAX_CAPTION)
        self.caption_box.toggled.connect(self.caption.setEnabled)
        self.inset = QCheckBox(self.tr("Mechanism &inset"))
        self.inset.setEnabled(inset_available)
        for box in (self.transparent, self.labels, self.legend):
            self.form.addRow("", box)
        self.form.addRow(self.caption_box, self.caption)
        self.form.addRow("", self.inset)
        width = self._read_int("width", IMAGE_PRESETS[0][0], *SIDE_RANGE)
        height = self._read_int("height", IMAGE_PRESETS[0][1], *SIDE_RANGE)
        self.sizes.set_size((width, height))
        self.transparent.setChecked(self._read_bool("transparent", False))
        self.labels.setChecked(self._read_bool("labels", False))
        self.legend.setChecked(self._read_bool("legend", False))
        self.caption_box.setChecked(self._read_bool("caption", False))
        self.caption.setEnabled(self.caption_box.isChecked())
        self.inset.setChecked(inset_available and self._read_bool("inset", False))
        self._path_changed(self.path_edit.text())

    def _path_changed(self, text: str) -> None:
        super()._path_changed(text)
        if not hasattr(self, "transparent"):
            return
        opaque = Path(text.strip()).suffix.lower() in OPAQUE_FORMATS
        self.transparent.setEnabled(not opaque)
        self.transparent.setToolTip(self.tr("JPEG and BMP files have no transparency") if opaque else "")

    def job_options(self) -> dict:
        caption = self.caption.text().strip() if self.caption_box.isChecked() else ""
        return {"size": self.sizes.size(), "labels": self.labels.isChecked(), "legend": self.legend.isChecked(),
                "transparent": self.transparent.isEnabled() and self.transparent.isChecked(),
                "caption": caption or None, "inset": self.inset.isEnabled() and self.inset.isChecked()}

    def remember(self) -> None:
        super().remember()
        width, height = self.sizes.size()
        for key, value in (("width", width), ("height", height), ("transparent", self.transparent.isChecked()),
                           ("labels", self.labels.isChecked()), ("legend", self.legend.isChecked()),
                           ("caption", self.caption_box.isChecked()), ("inset", self.inset.isChecked())):
            self.settings.setValue(f"{self.group}/{key}", value)


class MovieExportDialog(ExportDialog):
    """Export movie: a turn around an axis or the guided tour; size, frame rate and length."""

    group = "export/movie"
    default_name = "brain.mp4"
    extensions = (".mp4", ".gif")

    def __init__(self, settings: QSettings, tour_name: str | None = None, parent=None):
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("Export movie"))
        self.mode = QComboBox()
        self.mode.addItem(self.tr("A 360° turn"), "turn")
        if tour_name:
            self.mode.addItem(self.tr("The tour: %s") % tour_name, "tour")
        self.form.addRow(self.tr("&Movie:"), self.mode)
        self.axis = QComboBox()
        for axis, text in (("z", self.tr("Vertical (turn left to right)")), ("y", self.tr("Front to back")),
                           ("x", self.tr("Left to right (tumble)"))):
            self.axis.addItem(text, axis)
        self.form.addRow(self.tr("&Axis:"), self.axis)
        self.sizes = _SizeChoice(_size_combo(MOVIE_PRESETS, self.tr("Custom"), {}), MOVIE_PRESETS[0])
        self.form.addRow(self.tr("&Size:"), self.sizes.row())
        self.fps = QSpinBox()
        self.fps.setRange(*FPS_RANGE)
        self.fps.setSuffix(self.tr(" frames per second"))
        self.form.addRow(self.tr("Frame &rate:"), self.fps)
        self.seconds = QSpinBox()
        self.seconds.setRange(*SECONDS_RANGE)
        self.seconds.setSuffix(self.tr(" s"))
        self.form.addRow(self.tr("&Duration:"), self.seconds)
        self.labels = QCheckBox(self.tr("Region &labels"))
        self.form.addRow("", self.labels)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.sizes.set_size((self._read_int("width", MOVIE_PRESETS[0][0], *SIDE_RANGE),
                             self._read_int("height", MOVIE_PRESETS[0][1], *SIDE_RANGE)))
        self.fps.setValue(self._read_int("fps", 24, *FPS_RANGE))
        self.seconds.setValue(self._read_int("seconds", 12, *SECONDS_RANGE))
        self.axis.setCurrentIndex(max(0, self.axis.findData(self._read_str("axis", "z", ("z", "y", "x")))))
        self.labels.setChecked(self._read_bool("labels", False))
        self._mode_changed()

    def _mode_changed(self, *args) -> None:
        turn = self.mode.currentData() == "turn"
        self.axis.setEnabled(turn)
        self.seconds.setEnabled(turn)   # a tour's length follows from its steps and the frame rate

    def job_options(self) -> dict:
        tour = self.mode.currentData() == "tour"
        return {"size": self.sizes.size(), "fps": self.fps.value(), "tour": tour, "labels": self.labels.isChecked(),
                "frames": None if tour else self.fps.value() * self.seconds.value(), "axis": self.axis.currentData()}

    def remember(self) -> None:
        super().remember()
        width, height = self.sizes.size()
        for key, value in (("width", width), ("height", height), ("fps", self.fps.value()),
                           ("seconds", self.seconds.value()), ("axis", self.axis.currentData()),
                           ("labels", self.labels.isChecked())):
            self.settings.setValue(f"{self.group}/{key}", value)


class HandoutExportDialog(ExportDialog):
    """Export handout: the paper and the reading level."""

    group = "export/handout"
    default_name = "handout.pdf"
    extensions = (".pdf",)

    def __init__(self, settings: QSettings, level: str = "intro", parent=None):
        super().__init__(settings, parent)
        self.setWindowTitle(self.tr("Export handout"))
        self.paper = QComboBox()
        self.paper.addItem(self.tr("A4"), "a4")
        self.paper.addItem(self.tr("US Letter"), "letter")
        self.form.addRow(self.tr("&Paper:"), self.paper)
        self.level = QComboBox()
        self.level.addItem(self.tr("Introductory"), "intro")
        self.level.addItem(self.tr("Advanced"), "advanced")
        self.form.addRow(self.tr("&Reading level:"), self.level)
        self.paper.setCurrentIndex(max(0, self.paper.findData(self._read_str("paper", "a4", ("a4", "letter")))))
        self.level.setCurrentIndex(max(0, self.level.findData(level)))

    def job_options(self) -> dict:
        return {"paper": self.paper.currentData(), "level": self.level.currentData()}

    def remember(self) -> None:
        super().remember()
        self.settings.setValue(f"{self.group}/paper", self.paper.currentData())

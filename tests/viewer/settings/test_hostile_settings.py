"""Hardening round 2, class 2: a damaged settings file never stops the app.

* Every value read from the settings goes through one reader per kind
  (:mod:`viewer.settings.values`): NaN, infinities, huge numbers, values of another
  kind (lists, sizes, rectangles, binary variants), garbage and truncated
  ``@ByteArray`` texts all give the default.
* A file Qt cannot parse, or must not open (a folder, a pipe, a socket, a
  huge file, a symlink loop), is set aside beside itself with a warning that
  names it (:mod:`viewer.settings.settings_file`), and the app starts with defaults.
* The window opens, without an error dialog, from any of these files.

Also class 10's last item: the content-folder fallback warning is printed once.
"""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import tempfile
import uuid
from argparse import Namespace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.settings.values import read_bool, read_float, read_str

SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

ROOT = Path(__file__).resolve().parents[3]
#: The INI file Qt keeps the user's settings in, below the user settings folder.
APP_INI = Path("BrainRegionExplorer") / "Brain Region Explorer.ini"
DEFAULT_OPACITY = 0.2


def write_ini(path: Path, body) -> Path:
    """A settings file with ``body`` (text: under ``[General]``; bytes: the whole file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text("[General]\n" + body + "\n", encoding="utf-8")
    return path


def qsettings(path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(path), QSettings.Format.IniFormat)


def set_aside_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".damaged-*"))


class FakeSettings:
    """Stands for a QSettings that returns ``stored`` for every key (any Python object)."""

    def __init__(self, stored):
        self.stored = stored

    def value(self, key, default=None):
        return self.stored


@pytest.fixture
def user_config(tmp_path):
    """Qt's per-user INI folder, pointed at ``tmp_path`` for one test."""
    from PySide6.QtCore import QSettings

    ini, user = QSettings.Format.IniFormat, QSettings.Scope.UserScope
    before = Path(QSettings(ini, user, "probe-org", "probe-app").fileName()).parent.parent
    QSettings.setPath(ini, user, str(tmp_path / "config"))
    yield tmp_path / "config"
    QSettings.setPath(ini, user, str(before))


# ------------------------------------------------------------------ read_float
NOT_A_USABLE_NUMBER = [
    "nan", "NaN", "-nan", "+nan", '"nan"', "inf", "-inf", "+inf", "Infinity", "-Infinity", "1e309", "-1e309",
    "1" * 400, "-" + "9" * 400, "true", "", "  ", "x", "1,5", "1, 2", "@Size(1 2)", "@Rect(1 2 3 4)",
    "@Point(1 2)", "@Invalid()", "@Variant(\\0\\0\\0\\x6\\x7f\\xf8\\0\\0\\0\\0\\0\\0)",   # a binary NaN double
    "@Variant(\\0\\0\\0\\x6\\x7f\\xf0\\0\\0\\0\\0\\0\\0)",   # a binary +inf double
    "@Variant(\\0\\0\\0\\x1\\x1)",   # a binary bool
    "@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\x1dQFoo)", "@ByteArray(nan)", "@ByteArray(\\xff\\xfe)", "\\0",
]


@pytest.mark.parametrize("text", NOT_A_USABLE_NUMBER)
@pytest.mark.parametrize(("key", "default", "lo", "hi"), [("ui_scale", 1.0, 1.0, 3.0),
                                                         ("cortex_opacity", DEFAULT_OPACITY, 0.0, 1.0)])
def test_read_float_gives_the_default_for_what_is_not_a_finite_number(tmp_path, text, key, default, lo, hi):
    settings = qsettings(write_ini(tmp_path / "s.ini", f"{key}={text}"))
    assert read_float(settings, key, default, lo, hi) == default


@pytest.mark.parametrize(("text", "expected"), [("1e308", 3.0), ("-1e308", 1.0), ("4611686018427387904", 3.0),
                                                ("2.5", 2.5), (" 2 ", 2.0), ("@ByteArray(2.5)", 2.5)])
def test_read_float_clamps_huge_finite_numbers(tmp_path, text, expected):
    settings = qsettings(write_ini(tmp_path / "s.ini", f"ui_scale={text}"))
    assert read_float(settings, "ui_scale", 1.0, 1.0, 3.0) == expected


@pytest.mark.parametrize("stored", [float("nan"), float("inf"), float("-inf"), 10 ** 400, -10 ** 400, True, False,
                                    [1.5], (1.5,), {"a": 1.5}, b"\xff", object(), complex(1, 1)])
def test_read_float_takes_any_python_object(stored):
    assert read_float(FakeSettings(stored), "k", 0.5, 0.0, 1.0) == 0.5


# ------------------------------------------------------------------ read_str, read_bool
@pytest.mark.parametrize("text", ["dark, light", "@Size(1 2)", "@Invalid()", "@ByteArray(dark)", "dark\\0",
                                  "@Variant(\\0\\0\\0\\x1\\x1)", "d" * 10_000, "\\xff"])
def test_read_str_gives_the_default_for_other_kinds(tmp_path, text):
    settings = qsettings(write_ini(tmp_path / "s.ini", f"theme={text}"))
    assert read_str(settings, "theme", "light", ("light", "dark")) == "light"


@pytest.mark.parametrize("text", ["true, false", "@Size(1 2)", "@Rect(1 2 3 4)", "@Invalid()", "@ByteArray(true)",
                                  "nan", "inf", "2", "-1", "\\0"])
@pytest.mark.parametrize("default", [True, False])
def test_read_bool_gives_the_default_for_other_kinds(tmp_path, text, default):
    settings = qsettings(write_ini(tmp_path / "s.ini", f"flag={text}"))
    assert read_bool(settings, "flag", default) is default


@pytest.mark.parametrize("stored", [b"true", [True], ["true"], 1, 0, 1.0, float("nan"), None, object()])
def test_read_bool_and_str_take_any_python_object(stored):
    assert read_bool(FakeSettings(stored), "k", False) is False
    assert read_str(FakeSettings(stored), "k", "light", ("light", "dark", "true")) == "light"


# ------------------------------------------------------------------ read_bytes
@pytest.mark.parametrize("text", [
    "garbage", "1, 2, 3", "@ByteArray()", "@Size(10 10)", "@Rect(0 0 1 1)", "@Invalid()", "nan", "",
    "@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0\\0\\0",   # truncated: no closing parenthesis, so it is text
    '"@ByteArray(\\x1\\xd9',   # truncated inside quotes
    "@Variant(\\0\\0\\0\\x1\\x1)",
])
def test_read_bytes_refuses_what_is_not_bytes(tmp_path, text):
    from viewer.settings.values import read_bytes

    settings = qsettings(write_ini(tmp_path / "s.ini", f"geometry={text}"))
    assert read_bytes(settings, "geometry", 1024) is None


def test_read_bytes_bounds_the_size(tmp_path):
    from viewer.settings.values import read_bytes

    settings = qsettings(write_ini(tmp_path / "s.ini", "geometry=@ByteArray(" + "a" * 2000 + ")\nstate=@ByteArray(ab)"))
    assert read_bytes(settings, "geometry", 1024) is None
    assert bytes(read_bytes(settings, "state", 1024)) == b"ab"


# ------------------------------------------------------------------ properties
def _readers():
    """Every setting the app reads, with its reader and what a good value looks like."""
    from atlases.sources.registry import atlas_ids
    from viewer.scene.themes import themes
    from viewer.settings.values import read_bytes

    def bytes_ok(value, limit):
        return value is None or (1 <= value.size() <= limit)

    return {
        "ui_scale": (lambda s: read_float(s, "ui_scale", 1.0, 1.0, 3.0),
                     lambda v: type(v) is float and 1.0 <= v <= 3.0),
        "cortex_opacity": (lambda s: read_float(s, "cortex_opacity", DEFAULT_OPACITY, 0.0, 1.0),
                           lambda v: type(v) is float and 0.0 <= v <= 1.0),
        "theme": (lambda s: read_str(s, "theme", "light", themes()), lambda v: v in themes()),
        "atlas": (lambda s: read_str(s, "atlas", "desikan_killiany", atlas_ids()), lambda v: v in atlas_ids()),
        "labels": (lambda s: read_bool(s, "labels", False), lambda v: type(v) is bool),
        "tours/reduce_motion": (lambda s: read_bool(s, "tours/reduce_motion", False), lambda v: type(v) is bool),
        "geometry": (lambda s: read_bytes(s, "geometry", 1024), lambda v: bytes_ok(v, 1024)),
        "window_state": (lambda s: read_bytes(s, "window_state", 65_536), lambda v: bytes_ok(v, 65_536)),
    }


KEYS = st.sampled_from(["ui_scale", "cortex_opacity", "theme", "atlas", "labels", "tours/reduce_motion",
                        "geometry", "window_state"])
HOSTILE_TEXT = (st.sampled_from(NOT_A_USABLE_NUMBER + ["@ByteArray(\\x1\\xd9", "@ByteArray(", "@", "\\", "=", "["])
                | st.floats(allow_nan=True, allow_infinity=True).map(repr)
                | st.text(st.characters(blacklist_categories=("Cs",)), max_size=40))
PY_VALUES = (st.none() | st.booleans() | st.integers(-2 ** 1100, 2 ** 1100)
             | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20) | st.binary(max_size=20)
             | st.lists(st.floats(allow_nan=True) | st.text(max_size=5), max_size=3))


@SETTINGS
@given(values=st.dictionaries(KEYS, HOSTILE_TEXT, max_size=8))
def test_any_text_for_any_key_reads_as_a_good_value(values):
    readers = _readers()
    with tempfile.TemporaryDirectory() as folder:   # a new file per example: Qt caches parsed files by name
        lines = "".join(f"{key}={text}\n" for key, text in values.items())
        settings = qsettings(write_ini(Path(folder) / "s.ini", lines.encode("utf-8", "surrogatepass")))
        for key, (read, good) in readers.items():
            assert good(read(settings)), (key, values.get(key))


@SETTINGS
@given(stored=PY_VALUES)
def test_any_python_value_for_any_key_reads_as_a_good_value(stored):
    for key, (read, good) in _readers().items():
        assert good(read(FakeSettings(stored))), (key, stored)


@SETTINGS
@given(data=st.binary(max_size=400) | st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_file_opens_to_usable_settings(data):
    from viewer.settings.settings_file import open_settings, take_set_aside

    body = data if data.startswith(b"[") else b"[General]\n" + data
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"{uuid.uuid4().hex}.ini"
        settings = open_settings(write_ini(path, body))
        settings.allKeys()
        assert settings.status().name == "NoError"
        record = take_set_aside(settings)
        assert (record is None) == path.exists()   # a file set aside leaves its name free (until a save)
        if record is not None:
            assert str(path) in record.message() and Path(record.moved_to).read_bytes() == body
        for key, (read, good) in _readers().items():
            assert good(read(settings)), key


def test_every_settings_read_in_the_viewer_goes_through_a_reader():
    import re

    pattern = re.compile(r"\b(settings|s|self\.settings|window\.settings)\.value\(")
    offenders = [f"{path.name}:{n}" for path in sorted((ROOT / "viewer").glob("*.py")) if path.name != "settings.py"
                 for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert not offenders


# ------------------------------------------------------------------ files that cannot be used
UNPARSEABLE = {
    "binary": bytes(range(256)) * 4,
    "broken section header": b"[General\nui_scale=2\n",
    "utf-16": "[General]\nui_scale=2\n".encode("utf-16"),
    "binary after a good header": b"[General]\nui_scale=2\n" + bytes(range(256)),
}


@pytest.mark.parametrize("body", UNPARSEABLE.values(), ids=UNPARSEABLE.keys())
def test_an_unparseable_settings_file_is_set_aside_with_a_warning_naming_it(user_config, caplog, body):
    from viewer.settings.values import default_settings

    path = write_ini(user_config / APP_INI, body)
    settings = default_settings()
    settings.allKeys()
    assert settings.status().name == "NoError" and settings.allKeys() == []
    copies = set_aside_copies(path)
    assert len(copies) == 1 and copies[0].read_bytes() == body
    assert any(str(path) in r.getMessage() and str(copies[0]) in r.getMessage() for r in caplog.records)
    settings.setValue("theme", "dark")   # the app can save again
    settings.sync()
    assert read_str(qsettings(path), "theme", "light", ("light", "dark")) == "dark"


def _socket_file(path: Path) -> None:
    here = os.getcwd()
    os.chdir(path.parent)   # a socket's path is limited to about 100 characters: bind a relative one
    try:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.bind(path.name)
        sock.close()
    finally:
        os.chdir(here)


NOT_A_FILE = {
    "folder": lambda p: (p / "inside").mkdir(parents=True),
    "socket": _socket_file,
    "symlink loop": lambda p: p.symlink_to(p),
    "huge file": lambda p: p.write_bytes(b"[General]\n" + b"k=" + b"v" * (2 << 20) + b"\n"),
}


@pytest.mark.parametrize("make", NOT_A_FILE.values(), ids=NOT_A_FILE.keys())
def test_what_is_not_a_settings_file_is_set_aside_unread(user_config, caplog, make):
    from viewer.settings.values import default_settings

    path = user_config / APP_INI
    path.parent.mkdir(parents=True)
    make(path)
    settings = default_settings()
    assert settings.allKeys() == [] and settings.status().name == "NoError"
    assert len(set_aside_copies(path)) == 1 and not os.path.lexists(path)
    assert any(str(path) in r.getMessage() for r in caplog.records)


def test_a_named_pipe_does_not_block_the_start(tmp_path):
    """Qt reads the file as the QSettings is made: a pipe there used to block the app forever."""
    config = tmp_path / "config"
    path = config / APP_INI
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    env = dict(os.environ, XDG_CONFIG_HOME=str(config), QT_QPA_PLATFORM="offscreen")
    code = "from viewer.settings.values import default_settings; print(default_settings().allKeys())"
    try:
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("opening the settings blocked on a named pipe")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert str(path) in done.stderr and len(set_aside_copies(path)) == 1


def test_a_wrong_kind_inside_a_good_file_is_not_set_aside(user_config, caplog):
    from viewer.settings.values import default_settings

    path = write_ini(user_config / APP_INI, "ui_scale=nan\ngeometry=garbage\nwindow_state=1, 2\ntheme=@Size(1 2)")
    settings = default_settings()
    assert path.exists() and not set_aside_copies(path) and not caplog.records
    assert read_float(settings, "ui_scale", 1.0, 1.0, 3.0) == 1.0


def test_a_link_to_a_good_file_is_followed(tmp_path, caplog):
    from viewer.settings.settings_file import open_settings

    target = write_ini(tmp_path / "dotfiles" / "explorer.ini", "theme=dark")
    link = tmp_path / "settings.ini"
    link.symlink_to(target)
    assert read_str(open_settings(link), "theme", "light", ("light", "dark")) == "dark"
    assert link.is_symlink() and not caplog.records


def test_an_unreadable_file_is_set_aside(tmp_path, monkeypatch):
    from viewer.settings import settings_file

    path = write_ini(tmp_path / "s.ini", "theme=dark")
    real_access = os.access
    monkeypatch.setattr(settings_file.os, "access", lambda p, mode: False if Path(p) == path else real_access(p, mode))
    settings = settings_file.open_settings(path)
    assert settings.allKeys() == [] and len(set_aside_copies(path)) == 1
    assert "permission denied" in settings_file.take_set_aside(settings).reason


def test_two_damaged_files_in_one_second_keep_both_copies(tmp_path):
    from viewer.settings.settings_file import open_settings, take_set_aside

    path = tmp_path / "s.ini"
    for _ in range(2):
        write_ini(path, UNPARSEABLE["binary"])
        take_set_aside(open_settings(path))
    assert len(set_aside_copies(path)) == 2


@pytest.mark.parametrize("kind", ["unparseable", "folder"])
def test_a_file_that_cannot_be_renamed_still_gives_usable_settings(tmp_path, monkeypatch, kind):
    from viewer.settings import settings_file

    path = tmp_path / "s.ini"
    if kind == "folder":
        path.mkdir()
    else:
        write_ini(path, UNPARSEABLE["broken section header"])

    def refuse(*_):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(settings_file.os, "rename", refuse)
    settings = settings_file.open_settings(path)
    assert read_float(settings, "ui_scale", 1.0, 1.0, 3.0) in (1.0, 2.0)
    record = settings_file.take_set_aside(settings)
    assert record.moved_to is None and "Permission denied" in record.message() and str(path) in record.message()
    assert "delete" in settings_file.warning_text(record)


# ------------------------------------------------------------------ the window
def _geometry_blob(width, height, truncate=None):
    """A main window geometry as Qt writes it (format 3), ``width`` x ``height`` at (0, 0)."""
    from PySide6.QtCore import QByteArray, QDataStream, QIODevice, QRect

    data = QByteArray()
    stream = QDataStream(data, QIODevice.OpenModeFlag.WriteOnly)
    stream.setVersion(QDataStream.Version.Qt_4_0)
    stream.writeUInt32(0x1D9D0CB)
    stream.writeUInt16(3)
    stream.writeUInt16(0)
    rect = QRect(0, 0, width, height)
    stream << rect << rect
    stream.writeInt32(0)
    stream.writeUInt8(0)
    stream.writeUInt8(0)
    stream.writeInt32(1920)
    stream << rect
    return QByteArray(bytes(data)[:truncate]) if truncate else data


DAMAGED_WINDOW_SETTINGS = {
    "garbage geometry": "geometry=garbage",
    "truncated geometry text": "geometry=@ByteArray(\\x1\\xd9\\xd0\\xcb\\0\\x3\\0\\0\\0\\0",
    "geometry of another kind": "geometry=@Rect(0 0 1 1)",
    "geometry bytes that are no geometry": "geometry=@ByteArray(garbage)",
    "list window state": "window_state=1, 2, 3",
    "garbage window state": "window_state=garbage\ngeometry=@Size(10 10)",
    "NaN ui_scale and cortex_opacity": "ui_scale=nan\ncortex_opacity=nan",
    "infinite ui_scale and cortex_opacity": "ui_scale=inf\ncortex_opacity=-inf",
    "binary NaN variants": ("ui_scale=@Variant(\\0\\0\\0\\x6\\x7f\\xf8\\0\\0\\0\\0\\0\\0)\n"
                            "cortex_opacity=@Variant(\\0\\0\\0\\x6\\x7f\\xf8\\0\\0\\0\\0\\0\\0)"),
    "geometry: truncated blob": lambda: _geometry_blob(800, 600, truncate=20),
    "geometry: a 1 x 1 window": lambda: _geometry_blob(1, 1),
}


@pytest.fixture
def restored_sizes(monkeypatch):
    """The window size right after restore_settings (the make_window fixture resizes later)."""
    from viewer.window.main_window import MainWindow

    sizes = []
    original = MainWindow.restore_settings

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        sizes.append((self.normalGeometry().width(), self.normalGeometry().height()))

    monkeypatch.setattr(MainWindow, "restore_settings", spy)
    return sizes


def _visible_dialogs():
    from PySide6.QtWidgets import QApplication, QDialog

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


@pytest.mark.gui
@pytest.mark.parametrize("body", DAMAGED_WINDOW_SETTINGS.values(), ids=DAMAGED_WINDOW_SETTINGS.keys())
def test_the_window_opens_with_defaults_from_damaged_values(make_window, restored_sizes, tmp_path, body):
    path = tmp_path / "damaged.ini"
    if callable(body):
        settings = qsettings(path)
        settings.setValue("geometry", body())
        settings.sync()
        del settings
    else:
        write_ini(path, body)
    window = make_window(settings_path=path)
    assert window.isVisible() and not _visible_dialogs()
    assert window.state.ui_scale == 1.0 and window.state.cortex_opacity == DEFAULT_OPACITY
    assert math.isfinite(window.state.ui_scale) and math.isfinite(window.state.cortex_opacity)
    if callable(body) or "geometry" in body:
        (width, height), = restored_sizes
        assert width >= 400 and height >= 300   # not a window nobody can find
        from viewer.window.window_settings import DEFAULT_WINDOW_SIZE

        assert restored_sizes == [DEFAULT_WINDOW_SIZE]
    assert window.settings_warning == "" and path.exists()   # a readable file keeps its place


@pytest.mark.gui
def test_a_huge_saved_geometry_is_fitted_to_the_screen(make_window, restored_sizes, tmp_path):
    from PySide6.QtWidgets import QApplication

    path = tmp_path / "huge.ini"
    settings = qsettings(path)
    settings.setValue("geometry", _geometry_blob(100_000, 100_000))
    settings.sync()
    make_window(settings_path=path)
    screen = QApplication.primaryScreen().availableGeometry()
    (width, height), = restored_sizes
    assert 400 <= width <= screen.width() and 300 <= height <= screen.height()


@pytest.mark.gui
def test_the_window_sets_an_unparseable_file_aside_and_says_so(make_window, tmp_path, caplog):
    path = write_ini(tmp_path / "settings.ini", UNPARSEABLE["binary after a good header"])
    window = make_window(settings_path=path)
    assert window.isVisible() and not _visible_dialogs()
    copies = set_aside_copies(path)
    assert len(copies) == 1
    assert str(path) in window.settings_warning and str(copies[0]) in window.settings_warning
    assert any(str(path) in r.getMessage() for r in caplog.records)
    window.close()   # saves: the settings file is a good one again
    assert read_float(qsettings(path), "ui_scale", 0.0, 0.0, 3.0) == 1.0


@pytest.mark.gui
def test_run_warns_once_about_each_fallback_in_plain_text(qtbot, user_config, tmp_path, monkeypatch, capsys, caplog):
    """The content-folder fallback is reported once (it was logged and printed); the settings one is a dialog."""
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QApplication, QMessageBox

    from viewer import app as app_mod
    from viewer.window.main_window import MainWindow

    path = write_ini(user_config / APP_INI, UNPARSEABLE["binary"])
    missing = tmp_path / "no-such-content-<b>folder</b>"
    boxes = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: boxes.append((self.text(), self.textFormat())) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append((a[2], "static")))

    class App:   # the QApplication's two methods _run uses; exec returns at once
        translate = staticmethod(QCoreApplication.translate)

        @staticmethod
        def exec():
            return 0

    args = Namespace(content=str(missing), atlas=None, atlas_dir=None, theme=None)
    before = set(QApplication.topLevelWidgets())
    try:
        assert app_mod._run(App(), args, None) == 0
    finally:
        for window in [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w not in before]:
            with qtbot.waitSignal(window.brain_view.sceneReady, timeout=60_000):
                pass   # (the atlas loads once the event loop runs: let it finish before closing)
            window.close()
            window.deleteLater()
    said = capsys.readouterr().err.splitlines() + [r.getMessage() for r in caplog.records]
    assert len([line for line in said if str(missing) in line]) == 1, said
    settings_boxes = [(text, fmt) for text, fmt in boxes if str(path) in text]
    assert settings_boxes == [(settings_boxes[0][0], Qt.TextFormat.PlainText)]

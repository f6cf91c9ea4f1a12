"""The pack watcher: one signal per burst of saves, rename-saves followed, a missing file waited for, a stop."""

from __future__ import annotations

import os

import pytest

from viewer.window.pack_watcher import PackWatcher

pytestmark = pytest.mark.gui   # a QFileSystemWatcher needs the Qt application


@pytest.fixture
def watched(qtbot, tmp_path):
    path = tmp_path / "pack" / "glossary.toml"
    path.parent.mkdir()
    path.write_text("a = 1\n")
    watcher = PackWatcher(debounce_ms=100)
    signals = []
    watcher.changed.connect(lambda: signals.append(1))
    watcher.watch([path.parent, path])
    yield watcher, path, signals
    watcher.stop()


def test_a_burst_of_saves_gives_one_signal(watched, qtbot):
    watcher, path, signals = watched
    for i in range(5):
        path.write_text(f"a = {i + 2}\n")
    qtbot.waitUntil(lambda: signals == [1], timeout=5000)
    qtbot.wait(400)
    assert signals == [1]


def test_a_rename_save_is_followed_and_the_file_watched_again(watched, qtbot):
    watcher, path, signals = watched
    temp = path.with_name("glossary.toml~")
    temp.write_text("a = 2\n")
    os.replace(temp, path)
    qtbot.waitUntil(lambda: len(signals) == 1, timeout=5000)
    assert str(path) in watcher.watcher.files()
    path.write_text("a = 3\n")   # in place: only the file's own watch sees this
    qtbot.waitUntil(lambda: len(signals) == 2, timeout=5000)


def test_a_file_that_is_gone_for_a_while_is_waited_for(watched, qtbot):
    watcher, path, signals = watched
    watcher.watch([path])   # the file alone, as for a zip pack
    path.unlink()
    qtbot.waitUntil(lambda: len(signals) == 1, timeout=5000)   # gone is a change too
    qtbot.wait(700)
    path.write_text("a = 4\n")   # back later, with no folder watched to say so
    qtbot.waitUntil(lambda: len(signals) == 2, timeout=5000)
    assert str(path) in watcher.watcher.files()


def test_stop_silences_the_watcher(watched, qtbot):
    watcher, path, signals = watched
    path.write_text("a = 5\n")
    watcher.stop()
    qtbot.wait(400)
    assert signals == [] and not watcher.timer.isActive() and not watcher.retry.isActive()
    assert not watcher.watcher.files() and not watcher.watcher.directories()

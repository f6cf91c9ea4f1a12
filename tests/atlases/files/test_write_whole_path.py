"""write_whole_path and PendingFile: a writer that needs a path still leaves the file whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from atlases.errors import ExplorerError
from atlases.files.output_files import PendingFile, write_whole_path


class WriteError(ExplorerError):
    pass


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_the_writer_gets_an_empty_hidden_file_beside_the_target_and_the_target_gets_its_content(tmp_path):
    seen = []

    def produce(path: Path) -> None:
        seen.append((path, path.read_bytes(), _listing(path.parent)))
        path.write_bytes(b"movie")
    out = tmp_path / "sub" / "out.mp4"
    assert write_whole_path(out, produce, "the movie", WriteError) == out
    (tmp, before, listed), = seen
    assert tmp.parent == out.parent and tmp.name.startswith(".out.mp4.") and tmp.name.endswith(".part")
    assert before == b"" and listed == [tmp.name] and _listing(out.parent) == ["out.mp4"]
    assert out.read_bytes() == b"movie"


@pytest.mark.parametrize("failure", [KeyboardInterrupt(), RuntimeError("encoder"), WriteError("stopped")])
def test_a_failing_writer_leaves_the_old_file_and_no_temporary(tmp_path, failure):
    out = tmp_path / "out.gif"
    out.write_bytes(b"old")

    def produce(path: Path) -> None:
        path.write_bytes(b"half a movie")
        raise failure
    with pytest.raises(type(failure)):
        write_whole_path(out, produce, "the movie", WriteError)
    assert out.read_bytes() == b"old" and _listing(tmp_path) == ["out.gif"]


def test_an_os_error_of_the_writer_is_the_callers_error_naming_the_file(tmp_path):
    def produce(path: Path) -> None:
        path.write_bytes(b"x")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    with pytest.raises(WriteError, match="cannot write the movie.*No space left") as info:
        write_whole_path(tmp_path / "out.mp4", produce, "the movie", WriteError)
    assert "out.mp4" in str(info.value) and _listing(tmp_path) == []


@pytest.mark.parametrize("where", ["os.fsync", "os.replace"])
def test_a_failed_sync_or_rename_leaves_no_file(tmp_path, monkeypatch, where):
    def fail(*a, **k):
        raise OSError(errno.EIO, os.strerror(errno.EIO))
    out = tmp_path / "out.mp4"
    out.write_bytes(b"old")
    monkeypatch.setattr(where, fail)
    with pytest.raises(WriteError, match="Input/output"):
        write_whole_path(out, lambda p: p.write_bytes(b"new"), "the movie", WriteError)
    assert out.read_bytes() == b"old" and _listing(tmp_path) == ["out.mp4"]


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_gets_the_umasks(tmp_path):
    old_mask = os.umask(0o022)
    try:
        private = tmp_path / "private.mp4"
        private.write_bytes(b"old")
        private.chmod(0o600)
        write_whole_path(private, lambda p: p.write_bytes(b"new"), "the movie", WriteError)
        fresh = write_whole_path(tmp_path / "fresh.mp4", lambda p: p.write_bytes(b"new"), "the movie", WriteError)
    finally:
        os.umask(old_mask)
    assert stat.S_IMODE(os.stat(private).st_mode) == 0o600 and private.read_bytes() == b"new"
    assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o644


def test_a_pipe_put_in_place_while_writing_is_not_replaced(tmp_path):
    out = tmp_path / "out.mp4"

    def produce(path: Path) -> None:
        path.write_bytes(b"movie")
        os.mkfifo(out)
    with pytest.raises(WriteError, match="named pipe"):
        write_whole_path(out, produce, "the movie", WriteError)
    assert stat.S_ISFIFO(os.stat(out).st_mode) and _listing(tmp_path) == ["out.mp4"]


def test_a_pending_file_is_discarded_once_and_cannot_be_committed_after(tmp_path):
    pending = PendingFile(tmp_path / "out.mp4", "the movie", WriteError)
    assert pending.path is not None and pending.path.exists()
    pending.discard()
    pending.discard()
    assert _listing(tmp_path) == []
    with pytest.raises(ValueError):
        pending.commit()


def test_a_folder_that_cannot_be_created_is_the_callers_error(tmp_path):
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(WriteError, match="cannot create the folder"):
        PendingFile(tmp_path / "file" / "sub" / "out.mp4", "the movie", WriteError)

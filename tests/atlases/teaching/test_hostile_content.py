"""Hostile content packs: files that are not files, folders that are not folders, links, no-name authors.

* A named pipe, a device, a socket or a folder where a loader expects a TOML
  file is refused with a message naming it; no loader blocks (every load in
  these tests runs in a forked child that must return; a blocked one fails the
  test and is killed).
* ``--content`` pointing at nothing usable says what is wrong: missing, a
  file, a named pipe, a link loop, a link to nothing, unreadable (tests run as
  root, who may read a mode-000 folder, so the permission error is raised by
  a patched ``os.scandir``/``os.stat``), an empty name.
* A link inside a pack to another file of the same pack is allowed and works.
* A reference whose author list names nobody is refused at load (it crashed
  the citation formatter).

The numbers (absurd but finite values) and the properties (every valid
document renders) are in test_hostile_numbers.py.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from atlases.errors import ContentError
from atlases.files import toml_reader
from atlases.files.safe_paths import check_folder, files_inside
from atlases.files.toml_reader import read_toml
from atlases.resources import asset_dir
from atlases.sources.definitions import load_definition
from atlases.teaching.content import Reference, author_surnames, load_content
from atlases.teaching.content_folder import load_lecture_folder
from tests.helpers_toml import dump_toml
from viewer.scene.camera_views import VIEWS
from viewer.scene.themes import load_theme

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

posix_only = pytest.mark.skipif(os.name == "nt", reason="named pipes, devices and links are POSIX here")
ROOT = Path(__file__).resolve().parents[3]


#: Most a loader may take before it is taken for blocked (a content pack loads in well under a second).
TIMEOUT_S = 60.0
#: Memory a forked loader may add before its allocations fail (an endless read of a device stops there).
CHILD_EXTRA_BYTES = 1 << 30


def returns(fn, timeout: float = TIMEOUT_S):
    """``fn()`` run in a forked child, which is killed if it has not returned after ``timeout`` s.

    A loader that blocks on a named pipe or reads a device for ever fails the
    test instead of hanging the suite or exhausting memory (the child's
    address space is capped). Without ``fork`` (Windows), ``fn()`` runs here.
    """
    if "fork" not in multiprocessing.get_all_start_methods():
        return fn()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child():
        import resource

        with open("/proc/self/statm") as statm:   # current size (pages) + a margin
            size = int(statm.read().split()[0]) * resource.getpagesize()
        resource.setrlimit(resource.RLIMIT_AS, (size + CHILD_EXTRA_BYTES, size + CHILD_EXTRA_BYTES))
        try:
            outcome = ("value", fn())
        except BaseException as exc:  # noqa: BLE001 - handed to the test
            outcome = ("error", exc)
        try:
            send.send(outcome)
        except Exception:  # noqa: BLE001 - an unpicklable outcome
            send.send(("error", RuntimeError(repr(outcome[1]))))

    process = context.Process(target=child, daemon=True)
    process.start()
    try:
        if not receive.poll(timeout):
            pytest.fail(f"did not return: still running after {timeout} s (blocked, or far too slow)")
        kind, payload = receive.recv()
    finally:
        process.kill()
        process.join()
    if kind == "error":
        raise payload
    return payload


def refused(fn, *_files: Path) -> str:
    """The message of the ContentError that ``fn()`` must raise (without blocking)."""
    with pytest.raises(ContentError) as info:
        returns(fn)
    return str(info.value)


@pytest.fixture
def pack(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(asset_dir("content"), folder)
    (folder / "tours").mkdir()
    shutil.copy(asset_dir("tours") / "ketamine.toml", folder / "tours" / "mine.toml")
    return folder


def _replace(path: Path, make) -> Path:
    if path.is_dir():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()
    make(path)
    return path


def _fifo(path):
    os.mkfifo(path)


def _device(major_minor):
    def make(path):
        try:
            os.mknod(path, stat.S_IFCHR | 0o600, os.makedev(*major_minor))
        except PermissionError:
            pytest.skip("creating device nodes needs privileges")
    return make


def _socket(path):
    if len(str(path)) > 100:
        pytest.skip("socket path too long")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(path))
    sock.close()


NOT_FILES = {
    "named pipe": (_fifo, "named pipe"),
    "zero device": (_device((1, 5)), "device"),      # /dev/zero: reads for ever
    "null device": (_device((1, 3)), "device"),
    "socket": (_socket, "socket"),
    "folder": (lambda p: p.mkdir(), "folder"),
}
PACK_FILES = ["references.toml", "mechanism.toml", "safety.toml", "regions/hippocampus.toml", "tours/mine.toml"]


# ---------------------------------------------------------------- class 4: only regular files are opened
@posix_only
@pytest.mark.parametrize("kind", list(NOT_FILES))
@pytest.mark.parametrize("name", PACK_FILES)
def test_a_pack_file_that_is_not_a_regular_file_is_refused(pack, name, kind):
    make, words = NOT_FILES[kind]
    path = _replace(pack / name, make)
    message = refused(lambda: load_lecture_folder(pack, VIEWS), path)
    assert Path(name).name in message and words in message and "not a regular file" in message, message


@posix_only
@pytest.mark.parametrize("kind", list(NOT_FILES))
def test_an_extra_pattern_match_that_is_not_a_regular_file_is_refused(pack, kind):
    make, words = NOT_FILES[kind]
    path = _replace(pack / "regions" / "extra.toml", make)
    message = refused(lambda: load_content(pack), path)
    assert "extra.toml" in message and words in message, message


@posix_only
@pytest.mark.parametrize("kind", ["named pipe", "zero device", "folder"])
@pytest.mark.parametrize("loader, name", [(load_theme, "light.toml"), (load_definition, "desikan_killiany.toml"),
                                          (read_toml, "data.toml")])
def test_other_data_files_that_are_not_regular_files_are_refused(tmp_path, loader, name, kind):
    make, words = NOT_FILES[kind]
    path = _replace(tmp_path / name, make)
    message = refused(lambda: loader(path), path)
    assert name in message and words in message, message


@posix_only
def test_a_named_pipe_swapped_in_after_the_check_is_not_waited_on(tmp_path, monkeypatch):
    path = tmp_path / "swapped.toml"
    os.mkfifo(path)
    real_stat = os.stat

    def looks_regular(p, *args, **kwargs):   # the check sees a file; the open meets the pipe
        info = real_stat(p, *args, **kwargs)
        return os.stat_result((stat.S_IFREG | 0o644,) + tuple(info)[1:]) if Path(p) == path else info

    monkeypatch.setattr(os, "stat", looks_regular)
    message = refused(lambda: read_toml(path), path)
    assert "swapped.toml" in message and "named pipe" in message, message


def test_a_file_that_grows_after_the_size_check_is_read_only_up_to_the_limit(tmp_path, monkeypatch):

    path = tmp_path / "growing.toml"
    path.write_bytes(b"#" * 5000)      # valid TOML: only its size is wrong
    real_stat, real_read, taken = os.stat, os.read, []

    def small(p, *args, **kwargs):   # measured while it was still small
        info = real_stat(p, *args, **kwargs)
        return os.stat_result(tuple(info)[:6] + (10,) + tuple(info)[7:]) if Path(p) == path else info

    def counting_read(fd, n):
        data = real_read(fd, n)
        taken.append(len(data))
        return data

    monkeypatch.setattr(toml_reader, "MAX_DATA_FILE_BYTES", 100)
    monkeypatch.setattr(os, "stat", small)
    monkeypatch.setattr(os, "read", counting_read)
    with pytest.raises(ContentError, match="too large") as info:
        read_toml(path)
    assert "growing.toml" in str(info.value)
    assert sum(taken) <= 101, taken


# ---------------------------------------------------------------- class 10: what is wrong with the folder
def _loop(path: Path):
    path.symlink_to(path.name + "_other")
    path.with_name(path.name + "_other").symlink_to(path.name)


FOLDER_CASES = {
    "missing": (lambda p: None, "content folder not found"),
    "a file": (lambda p: p.write_text("x"), "is a file, not a folder"),
    "a named pipe": (_fifo, "is a named pipe, not a folder"),
    "a link loop": (_loop, "symbolic link loop"),
    "a link to nothing": (lambda p: p.symlink_to("nowhere"), "which does not exist"),
    "below a file": (lambda p: None, "a part of its path is a file"),
}


@posix_only
@pytest.mark.parametrize("case", list(FOLDER_CASES))
def test_an_unusable_content_folder_says_what_is_wrong(tmp_path, case):
    make, words = FOLDER_CASES[case]
    folder = tmp_path / "pack"
    if case == "below a file":
        (tmp_path / "file").write_text("x")
        folder = tmp_path / "file" / "pack"
    else:
        make(folder)
    message = refused(lambda: load_lecture_folder(folder, VIEWS))
    assert str(folder) in message and words in message, message
    assert "not found" not in message or case in ("missing", "below a file"), message


@pytest.mark.parametrize("call", ["scandir", "stat"])
def test_an_unreadable_content_folder_says_permission_denied(pack, monkeypatch, call):
    # tests run as root, who can read a mode-000 folder: the refusal a user gets is simulated
    real = getattr(os, call)

    def denied(path, *args, **kwargs):
        if Path(path) == pack:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, call, denied)
    message = refused(lambda: load_content(pack))
    assert str(pack) in message and "cannot be read (permission denied)" in message, message


def test_an_unreadable_subfolder_is_named_not_taken_as_empty(pack, monkeypatch):
    real = os.scandir
    regions = (pack / "regions").resolve()

    def denied(path=".", *args):
        if Path(path) == regions:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args)

    monkeypatch.setattr(os, "scandir", denied)
    message = refused(lambda: load_content(pack))
    assert "regions" in message and "permission denied" in message and "no region files" not in message, message


def test_a_regions_file_instead_of_a_folder_is_named(pack):
    shutil.rmtree(pack / "regions")
    (pack / "regions").write_text("x")
    message = refused(lambda: load_content(pack))
    assert "regions" in message and "is a file, not a folder" in message, message


@pytest.mark.parametrize("load, words", [
    (load_content, "no content folder given (empty name)"),
    (lambda f: load_lecture_folder(f, VIEWS), "no content folder given (empty name)"),
    (lambda f: files_inside(f, "regions"), "no folder given (empty name)"),
    (check_folder, "no folder given (empty name)"),
])
def test_an_empty_folder_name_is_not_the_current_folder(tmp_path, monkeypatch, load, words):
    shutil.copytree(asset_dir("content"), tmp_path / "here")
    monkeypatch.chdir(tmp_path / "here")   # a valid content folder: '' must still not mean it
    assert words in refused(lambda: load(""))


def test_an_empty_content_option_is_reported_by_the_command_line(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py"), "--content", "", "--list"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1 and "no content folder given (empty name)" in proc.stderr, proc.stderr


def test_the_window_falls_back_with_the_empty_name_message():
    from viewer.app import load_content_or_builtin

    content, problem = load_content_or_builtin("")
    assert content.folder.resolve() == asset_dir("content").resolve()
    assert problem is not None and "empty name" in str(problem)


# ---------------------------------------------------------------- class 10: links inside a pack
@posix_only
def test_a_region_file_linking_to_another_file_of_the_pack_loads(pack):
    (pack / "shared").mkdir()
    shutil.move(pack / "regions" / "hippocampus.toml", pack / "shared" / "hippo_text.toml")
    (pack / "regions" / "hippocampus.toml").symlink_to(Path("..") / "shared" / "hippo_text.toml")
    content = returns(lambda: load_content(pack))   # was: "id 'hippocampus' must match the file name 'hippo_text'"
    assert content.region("hippocampus").source.name == "hippocampus.toml"


@posix_only
def test_links_inside_the_pack_load_for_every_file(pack):
    (pack / "shared").mkdir()
    for name in PACK_FILES:
        target = pack / "shared" / Path(name).name.replace(".toml", "_real.toml")
        shutil.move(pack / name, target)
        (pack / name).symlink_to(target)
    content, tours = returns(lambda: load_lecture_folder(pack, VIEWS))
    assert set(content.regions) >= {"hippocampus"} and list(tours) == ["ketamine"]
    assert tours["ketamine"].source.name == "mine.toml"


@posix_only
def test_a_link_to_another_region_file_is_reported_as_that_region(pack):
    (pack / "regions" / "hippocampus.toml").unlink()
    (pack / "regions" / "hippocampus.toml").symlink_to("prefrontal_cortex.toml")
    message = refused(lambda: load_content(pack))
    assert "hippocampus.toml" in message and "'prefrontal_cortex'" in message, message


@posix_only
def test_a_region_file_link_loop_is_named(pack):
    (pack / "regions" / "extra.toml").symlink_to("extra.toml")
    message = refused(lambda: load_content(pack))
    assert "extra.toml" in message and "symbolic link loop" in message, message


# ---------------------------------------------------------------- class 6: authors that name nobody
NO_NAMES = [",", "&", " , ", " & , & ", ",,,,", "-", ".", "\u200b", "\t,\n", "&&", ", -", "\u3000&\u3000"]
SOME_NAMES = {"WHO": "WHO 2010", "Li": "Li 2010", "Li N,": "Li 2010", ", Li N": "Li 2010", "Li & ": "Li 2010",
              "山田 太郎": "山田 2010", "O'Brien K, Li N": "O'Brien & Li 2010", "A, B, C": "A et al. 2010",
              "Li\tN, Duman RS": "Li & Duman 2010"}


def _edit_reference(folder: Path, **fields) -> Path:
    path = folder / "references.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    data["references"]["li2010"].update(fields)
    path.write_text(dump_toml(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("authors", NO_NAMES)
def test_an_author_list_without_names_is_refused_at_load(pack, authors):
    _edit_reference(pack, authors=authors)
    message = refused(lambda: load_content(pack))
    assert "references.toml" in message and "[references.li2010.authors]" in message and "no author" in message


@pytest.mark.parametrize("authors", list(SOME_NAMES))
def test_author_lists_with_a_name_load_and_format(pack, authors):
    _edit_reference(pack, authors=authors, year=2010)
    reference = load_content(pack).reference("li2010")
    assert reference.short() == SOME_NAMES[authors]
    assert authors.strip() in reference.full()


def test_short_form_never_fails_even_on_an_unchecked_reference():
    for authors in NO_NAMES:
        assert author_surnames(authors) == []
        assert Reference("x", authors, 2000, "T", "J").short().endswith("2000")

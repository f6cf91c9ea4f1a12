"""scripts/build-installers.sh on a fake bundle: the tarball with its install/uninstall scripts, and the .deb."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from helpers_elf import fake_bundle

ROOT = Path(__file__).resolve().parents[1]
NAME = "brain-region-explorer"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
pytestmark = pytest.mark.skipif(not all(shutil.which(tool) for tool in ("readelf", "dpkg-deb", "tar")),
                                reason="needs binutils, dpkg-deb and tar")


def _version() -> str:
    return re.search(r'^version = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.M).group(1)


def _apt_app() -> list[str]:
    text = (ROOT / "scripts" / "bootstrap.sh").read_text()
    return re.search(r"^APT_APP=\(([^)]*)\)", text, re.M).group(1).split()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("installers")
    bundle = fake_bundle(work, floor="2.34")
    real = Path("/usr/lib/x86_64-linux-gnu/libz.so.1")  # a real ELF too, next to the hand-made ones
    if real.exists():
        shutil.copy(real, bundle / "_internal" / "libz.so.1")
    out = work / "out"
    result = subprocess.run([str(ROOT / "scripts" / "build-installers.sh"), str(bundle), str(out)],
                            capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, DEB_COMPRESSION="gzip"))
    assert result.returncode == 0, result.stdout + result.stderr
    arch = os.uname().machine
    return {"work": work, "bundle": bundle, "output": result.stdout,
            "tarball": out / f"{NAME}-{_version()}-linux-{arch}.tar.gz",
            "deb": out / f"{NAME}_{_version()}_{'amd64' if arch == 'x86_64' else arch}.deb"}


def _unpack(tarball: Path, folder: Path) -> Path:
    folder.mkdir()
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(folder)], check=True)
    return next(folder.iterdir())


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()}


def test_the_build_prints_the_glibc_floor(built):
    assert "glibc floor: 2.34" in built["output"]
    assert "Debian 12, Ubuntu 22.04" in built["output"]


def test_only_the_two_installers_are_left_in_the_output_folder(built):
    assert sorted(p.name for p in built["tarball"].parent.iterdir()) == sorted([built["tarball"].name,
                                                                               built["deb"].name])


# -- the tarball ------------------------------------------------------------------

def test_the_tarball_holds_bundle_desktop_file_icons_scripts_and_the_floor(built):
    base = built["tarball"].name.removesuffix(".tar.gz")
    with tarfile.open(built["tarball"]) as tar:
        members = {m.name: m for m in tar.getmembers()}
        floor_text = tar.extractfile(f"{base}/SYSTEM-REQUIREMENTS.txt").read().decode()
    for path in (f"{NAME}/{NAME}", f"{NAME}/_internal/libpython3.11.so.1.0", f"{NAME}.desktop",
                 "install.sh", "uninstall.sh", "icons/hicolor/scalable/apps/brain-region-explorer.svg",
                 *(f"icons/hicolor/{s}x{s}/apps/{NAME}.png" for s in SIZES)):
        assert f"{base}/{path}" in members, path
    assert members[f"{base}/{NAME}/{NAME}"].mode & 0o111
    assert members[f"{base}/install.sh"].mode & 0o111
    assert all(m.uid == 0 and m.gid == 0 for m in members.values())
    assert "Needs glibc 2.34 or newer." in floor_text


def test_install_then_uninstall_with_a_prefix_leaves_no_file_behind(built, tmp_path):
    unpacked = _unpack(built["tarball"], tmp_path / "unpacked")
    prefix = tmp_path / "prefix"
    (prefix / "bin").mkdir(parents=True)
    (prefix / "bin" / "other-tool").write_text("not ours\n")
    before = _files(prefix)

    subprocess.run([str(unpacked / "install.sh"), "--prefix", str(prefix)], check=True, capture_output=True)
    installed = _files(prefix) - before
    assert f"lib/{NAME}/{NAME}" in installed
    assert f"share/applications/{NAME}.desktop" in installed
    assert {f"share/icons/hicolor/{s}x{s}/apps/{NAME}.png" for s in SIZES} <= installed
    run = subprocess.run([str(prefix / "bin" / NAME), "--self-test"], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == f"{NAME} --self-test"   # the wrapper reaches the bundle's executable
    desktop = (prefix / "share" / "applications" / f"{NAME}.desktop").read_text()
    assert f"Exec={prefix}/bin/{NAME}\n" in desktop   # works when the bin folder is not on PATH

    # installing again replaces the copy; the installed uninstall.sh finds its own prefix
    subprocess.run([str(unpacked / "install.sh"), "--prefix", str(prefix)], check=True, capture_output=True)
    assert _files(prefix) - before == installed
    subprocess.run(["sh", str(prefix / "lib" / NAME / "uninstall.sh")], check=True, capture_output=True)
    assert _files(prefix) == before


def test_uninstall_refuses_a_prefix_without_the_app(built, tmp_path):
    unpacked = _unpack(built["tarball"], tmp_path / "unpacked")
    (tmp_path / "p" / "lib" / NAME).mkdir(parents=True)
    (tmp_path / "p" / "lib" / NAME / "keep.txt").write_text("someone else's\n")
    result = subprocess.run([str(unpacked / "uninstall.sh"), "--prefix", str(tmp_path / "p")],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert (tmp_path / "p" / "lib" / NAME / "keep.txt").exists()


# -- the .deb ------------------------------------------------------------------------

def _field(deb: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "--field", str(deb), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_the_deb_control_fields(built):
    info = subprocess.run(["dpkg-deb", "--info", str(built["deb"])], capture_output=True, text=True)
    assert info.returncode == 0, info.stderr
    assert _field(built["deb"], "Package") == NAME
    assert _field(built["deb"], "Version") == _version()
    depends = [d.strip() for d in _field(built["deb"], "Depends").split(",")]
    assert "libc6 (>= 2.34)" in depends
    assert "libstdc++6 (>= 12)" in depends   # the fake bundle does not ship libstdc++
    assert set(_apt_app()) <= set(depends)
    assert int(_field(built["deb"], "Installed-Size")) > 0


def test_the_deb_puts_each_file_in_its_place(built):
    listing = subprocess.run(["dpkg-deb", "--contents", str(built["deb"])], capture_output=True, text=True,
                             check=True).stdout
    paths = {line.split()[5].removeprefix("./") for line in listing.splitlines()}
    assert all(line.split()[1] == "root/root" for line in listing.splitlines())
    for path in (f"opt/{NAME}/{NAME}", f"opt/{NAME}/_internal/libpython3.11.so.1.0", f"usr/bin/{NAME}",
                 f"usr/share/applications/{NAME}.desktop", f"usr/share/icons/hicolor/scalable/apps/{NAME}.svg",
                 *(f"usr/share/icons/hicolor/{s}x{s}/apps/{NAME}.png" for s in SIZES)):
        assert path in paths, path


def test_the_deb_unpacked_into_a_root(built, tmp_path):
    subprocess.run(["dpkg", "-x", str(built["deb"]), str(tmp_path)], check=True)
    wrapper = (tmp_path / "usr" / "bin" / NAME).read_text()
    assert f'exec /opt/{NAME}/{NAME} "$@"' in wrapper
    assert os.access(tmp_path / "usr" / "bin" / NAME, os.X_OK)
    run = subprocess.run([str(tmp_path / "opt" / NAME / NAME), "--version"], capture_output=True, text=True)
    assert run.stdout.strip() == f"{NAME} --version"
    assert _files(tmp_path / "opt" / NAME) == _files(built["bundle"])   # the whole bundle, symlinks included


@pytest.mark.parametrize("where", ["source", "deb"])
def test_the_desktop_file_is_valid(built, tmp_path, where):
    if where == "source":
        desktop = ROOT / "packaging" / "linux" / f"{NAME}.desktop"
    else:
        subprocess.run(["dpkg", "-x", str(built["deb"]), str(tmp_path)], check=True)
        desktop = tmp_path / "usr" / "share" / "applications" / f"{NAME}.desktop"
    text = desktop.read_text()
    for line in ("[Desktop Entry]", "Type=Application", "Name=Brain Region Explorer", f"Exec={NAME}",
                 f"Icon={NAME}", "Terminal=false", f"StartupWMClass={NAME}"):
        assert line + "\n" in text, line
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
        assert result.returncode == 0 and "error" not in result.stdout, result.stdout


def test_no_bundle_is_a_clear_error(tmp_path):
    result = subprocess.run([str(ROOT / "scripts" / "build-installers.sh"), str(tmp_path / "missing"),
                             str(tmp_path / "out")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert "scripts/build-bundle.sh" in result.stderr
    assert not (tmp_path / "out").exists()

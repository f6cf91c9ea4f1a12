"""scripts/glibc-floor.py: the highest GLIBC symbol version any ELF file of a bundle needs."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_elf import fake_bundle, write_elf

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(shutil.which("readelf") is None, reason="needs binutils' readelf")


def _floor(bundle: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "glibc-floor.py"), str(bundle), *options],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("floor", ["2.28", "2.34", "2.36"])
def test_the_floor_is_the_highest_need_of_any_file(tmp_path, floor):
    result = _floor(fake_bundle(tmp_path, floor=floor))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == floor


def test_versions_compare_as_numbers_not_text(tmp_path):
    write_elf(tmp_path / "a.so", {"libc.so.6": ["GLIBC_2.9", "GLIBC_2.2.5"]})
    write_elf(tmp_path / "b.so", {"libm.so.6": ["GLIBC_2.17"]})
    assert _floor(tmp_path).stdout.strip() == "2.17"


def test_explain_names_the_file_and_the_oldest_releases(tmp_path):
    result = _floor(fake_bundle(tmp_path, floor="2.36"), "--explain")
    assert "glibc floor: 2.36" in result.stdout
    assert "_internal/PySide6/Qt/lib/libQt6Core.so.6" in result.stdout
    assert "libpython" not in result.stdout  # it needs only 2.27
    assert "Debian 12, Ubuntu 24.04, RHEL 10" in result.stdout


def test_deb_depends_on_libc_and_on_the_system_libstdcxx_it_does_not_ship(tmp_path):
    bundle = fake_bundle(tmp_path, floor="2.34", libstdcxx="GLIBCXX_3.4.30")
    assert _floor(bundle, "--deb-depends").stdout.strip() == "libc6 (>= 2.34), libstdc++6 (>= 12)"
    write_elf(bundle / "_internal" / "libstdc++.so.6", {"libc.so.6": ["GLIBC_2.18"]})
    assert _floor(bundle, "--deb-depends").stdout.strip() == "libc6 (>= 2.34)"


def test_a_real_library_gets_the_floor_objdump_sees(tmp_path):
    # a cross-check on a real ELF with another tool of binutils
    real = Path("/usr/lib/x86_64-linux-gnu/libz.so.1")
    if not real.exists() or shutil.which("objdump") is None:
        pytest.skip("no system libz or objdump")
    shutil.copy(real, tmp_path / "libz.so.1")
    dump = subprocess.run(["objdump", "-T", str(tmp_path / "libz.so.1")], capture_output=True, text=True).stdout
    expected = max(tuple(int(p) for p in v.split(".")) for v in re.findall(r"\(GLIBC_([\d.]+)\)", dump))
    assert _floor(tmp_path).stdout.strip() == ".".join(map(str, expected))


def test_no_elf_file_is_an_error(tmp_path):
    (tmp_path / "readme.txt").write_text("GLIBC_2.99\n")
    result = _floor(tmp_path)
    assert result.returncode == 1
    assert "no ELF file" in result.stderr

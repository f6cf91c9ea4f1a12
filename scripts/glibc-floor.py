#!/usr/bin/env python3
"""The oldest glibc a bundle runs on: the highest GLIBC_x.y symbol version its ELF files need.

usage: python3 scripts/glibc-floor.py BUNDLE_DIR [--explain | --deb-depends]

Every ELF file under BUNDLE_DIR (executables and shared libraries, found by
their magic bytes, not by name) is read with binutils' ``readelf
--version-info``; the floor is the highest ``GLIBC_x.y`` in the files'
version-needs sections. A bundle cannot start on a system whose glibc is older
(the dynamic loader refuses: "version `GLIBC_2.36' not found").

Prints the floor (``2.36``); with ``--explain``, which files need it and the
oldest distributions it allows; with ``--deb-depends``, the .deb ``Depends``
entries it implies (``libc6 (>= 2.36)``, and ``libstdc++6 (>= 12)`` when the
bundle needs the system's libstdc++ rather than shipping its own).
Only the standard library and binutils: it runs on any build machine.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

_NEED = re.compile(r"Name:\s+(GLIBC|GLIBCXX)_(\d+(?:\.\d+)+)\s")

#: Each distribution's releases and their glibc, oldest first.
DISTRIBUTIONS = {
    "Debian": (("10", (2, 28)), ("11", (2, 31)), ("12", (2, 36)), ("13", (2, 41))),
    "Ubuntu": (("18.04", (2, 27)), ("20.04", (2, 31)), ("22.04", (2, 35)), ("24.04", (2, 39))),
    "RHEL": (("8", (2, 28)), ("9", (2, 34)), ("10", (2, 39))),
}

#: The first GCC release whose libstdc++ provides each GLIBCXX_3.4.x (GCC's ABI policy list).
GLIBCXX_GCC = {25: "8", 26: "9", 27: "9.2", 28: "10", 29: "11", 30: "12", 31: "13", 32: "13.2", 33: "14"}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def _text(version: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in version)


def elf_files(folder: Path) -> list[Path]:
    """Regular files under ``folder`` that start with the ELF magic bytes (symlinks skipped)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == b"\x7fELF":
                found.append(path)
    return found


def version_needs(path: Path) -> dict[str, set[tuple[int, ...]]]:
    """The GLIBC and GLIBCXX symbol versions one ELF file needs, read with ``readelf``."""
    result = subprocess.run(["readelf", "--version-info", "--wide", str(path)],
                            capture_output=True, text=True, check=False)
    needs: dict[str, set[tuple[int, ...]]] = {"GLIBC": set(), "GLIBCXX": set()}
    in_needs = False
    for line in result.stdout.splitlines():
        if line.startswith("Version needs section"):
            in_needs = True
        elif line.startswith(("Version definition section", "Version symbols section")):
            in_needs = False
        elif in_needs and (match := _NEED.search(line)):
            needs[match.group(1)].add(_version(match.group(2)))
    return needs


def bundle_needs(folder: Path) -> dict[str, dict[tuple[int, ...], list[Path]]]:
    """For GLIBC and GLIBCXX: each needed version and the files that need it."""
    table: dict[str, dict[tuple[int, ...], list[Path]]] = {"GLIBC": {}, "GLIBCXX": {}}
    for path in elf_files(folder):
        for family, versions in version_needs(path).items():
            for version in versions:
                table[family].setdefault(version, []).append(path)
    return table


def oldest_releases(floor: tuple[int, ...]) -> list[str]:
    """The oldest release of each distribution in :data:`DISTRIBUTIONS` whose glibc meets ``floor``."""
    found = []
    for name, releases in DISTRIBUTIONS.items():
        allowed = [release for release, glibc in releases if glibc >= floor[:2]]
        found.append(f"{name} {allowed[0]}" if allowed else f"newer than {name} {releases[-1][0]}")
    return found


def deb_depends(table, folder: Path) -> list[str]:
    """The ``Depends`` entries the needed versions imply."""
    entries = []
    if table["GLIBC"]:
        entries.append(f"libc6 (>= {_text(max(table['GLIBC']))})")
    ships_libstdcxx = any(folder.rglob("libstdc++.so.6*"))
    if table["GLIBCXX"] and not ships_libstdcxx:
        newest = max(table["GLIBCXX"])
        gcc = GLIBCXX_GCC.get(newest[2]) if newest[:2] == (3, 4) and len(newest) > 2 else None
        entries.append(f"libstdc++6 (>= {gcc})" if gcc else "libstdc++6")
    return entries


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder (e.g. dist/brain-region-explorer)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--explain", action="store_true", help="say which files set the floor and what it allows")
    mode.add_argument("--deb-depends", action="store_true", help="print the .deb Depends entries, comma-separated")
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        parser.error(f"not a folder: {args.bundle}")
    if shutil.which("readelf") is None:
        parser.error("readelf not found: install binutils")
    table = bundle_needs(args.bundle)
    if not table["GLIBC"]:
        print(f"error: no ELF file under {args.bundle} needs a GLIBC symbol version", file=sys.stderr)
        return 1
    floor = max(table["GLIBC"])
    if args.deb_depends:
        print(", ".join(deb_depends(table, args.bundle)))
    elif args.explain:
        needers = table["GLIBC"][floor]
        print(f"glibc floor: {_text(floor)}, needed by {len(needers)} file(s):")
        for path in needers[:5]:
            print(f"  {path.relative_to(args.bundle)}")
        if len(needers) > 5:
            print(f"  ... and {len(needers) - 5} more")
        print(f"oldest releases it runs on: {', '.join(oldest_releases(floor))}")
        if table["GLIBCXX"]:
            system = [entry for entry in deb_depends(table, args.bundle) if entry.startswith("libstdc++6")]
            where = f"the system's: {system[0]}" if system else "bundled"
            print(f"libstdc++ floor: GLIBCXX_{_text(max(table['GLIBCXX']))} ({where})")
    else:
        print(_text(floor))
    return 0


if __name__ == "__main__":
    sys.exit(main())

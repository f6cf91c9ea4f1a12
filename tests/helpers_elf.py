"""Tiny ELF files with known symbol-version needs, for the glibc-floor tests.

:func:`write_elf` writes an x86-64 shared-object header with just the sections
``readelf --version-info`` reads (a string table and a ``.gnu.version_r``
version-needs section), so a test knows exactly which GLIBC versions the file
needs without a compiler. :func:`fake_bundle` builds a bundle folder like
PyInstaller's: a start script named ``brain-region-explorer`` and ``_internal``
libraries.
"""

from __future__ import annotations

import struct
from pathlib import Path

SHT_STRTAB = 3
SHT_GNU_VERNEED = 0x6FFFFFFE


def _elf_hash(name: bytes) -> int:
    value = 0
    for byte in name:
        value = (value << 4) + byte
        high = value & 0xF0000000
        if high:
            value ^= high >> 24
        value &= ~high
    return value & 0xFFFFFFFF


def write_elf(path: Path, needs: dict[str, list[str]]) -> Path:
    """Write an ELF file that needs ``{"libc.so.6": ["GLIBC_2.34", ...], ...}``."""
    dynstr = bytearray(b"\0")

    def string(text: str) -> int:
        offset = len(dynstr)
        dynstr.extend(text.encode() + b"\0")
        return offset

    verneed = bytearray()
    index = 2  # version indexes 0 and 1 are reserved
    files = list(needs.items())
    for number, (soname, versions) in enumerate(files):
        last = number == len(files) - 1
        verneed += struct.pack("<HHIII", 1, len(versions), string(soname), 16,
                               0 if last else 16 + 16 * len(versions))
        for position, version in enumerate(versions):
            verneed += struct.pack("<IHHII", _elf_hash(version.encode()), 0, index, string(version),
                                   0 if position == len(versions) - 1 else 16)
            index += 1
    shstrtab = b"\0.dynstr\0.gnu.version_r\0.shstrtab\0"
    header_size = 64
    dynstr_offset = header_size
    verneed_offset = dynstr_offset + len(dynstr)
    shstrtab_offset = verneed_offset + len(verneed)
    sections_offset = (shstrtab_offset + len(shstrtab) + 7) // 8 * 8

    def section(name, kind, offset, size, link=0, info=0, align=1):
        return struct.pack("<IIQQQQIIQQ", name, kind, 2, 0, offset, size, link, info, align, 0)

    sections = (bytes(64)
                + section(1, SHT_STRTAB, dynstr_offset, len(dynstr))
                + section(9, SHT_GNU_VERNEED, verneed_offset, len(verneed), link=1, info=len(files), align=4)
                + section(24, SHT_STRTAB, shstrtab_offset, len(shstrtab)))
    ident = b"\x7fELF" + bytes([2, 1, 1, 0]) + bytes(8)
    header = ident + struct.pack("<HHIQQQIHHHHHH", 3, 62, 1, 0, 0, sections_offset, 0, 64, 56, 0, 64, 4, 3)
    body = header + bytes(dynstr) + bytes(verneed) + shstrtab
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body + bytes(sections_offset - len(body)) + sections)
    return path


def fake_bundle(folder: Path, floor: str = "2.34", libstdcxx: str | None = "GLIBCXX_3.4.30") -> Path:
    """A bundle folder like PyInstaller's one-folder output, whose highest GLIBC need is ``floor``.

    The executable is a shell script that prints its arguments (the installers
    only copy it); ``_internal`` holds ELF libraries with older and newer needs
    spread over several files, a symlink and a data file.
    """
    bundle = folder / "brain-region-explorer"
    (bundle / "_internal" / "assets").mkdir(parents=True)
    exe = bundle / "brain-region-explorer"
    exe.write_text('#!/bin/sh\necho "brain-region-explorer $*"\n')
    exe.chmod(0o755)
    write_elf(bundle / "_internal" / "libpython3.11.so.1.0",
              {"libc.so.6": ["GLIBC_2.2.5", "GLIBC_2.17"], "libm.so.6": ["GLIBC_2.27"]})
    qt = {"libc.so.6": ["GLIBC_2.14", f"GLIBC_{floor}"]}
    if libstdcxx:
        qt["libstdc++.so.6"] = ["GLIBCXX_3.4.21", libstdcxx, "CXXABI_1.3.9"]
    write_elf(bundle / "_internal" / "PySide6" / "Qt" / "lib" / "libQt6Core.so.6", qt)
    (bundle / "_internal" / "libQt6Core.so.6").symlink_to("PySide6/Qt/lib/libQt6Core.so.6")
    (bundle / "_internal" / "assets" / "notes.txt").write_text("GLIBC_9.99 in a text file is not a need\n")
    return bundle

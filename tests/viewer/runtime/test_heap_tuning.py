"""glibc heap tuning: large freed blocks go back to the system (Linux + glibc only)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from viewer.runtime.heap_tuning import KEEP_DEFAULTS_ENV, limit_heap_fragmentation

pytestmark = pytest.mark.skipif(platform.libc_ver()[0] != "glibc" or any(
    k.startswith("MALLOC_") or k == "GLIBC_TUNABLES" for k in os.environ),
    reason="glibc with its default allocator settings only")

# A framebuffer-sized block is freed, another one taken and freed below a small live
# allocation (as a resize does): with glibc's defaults the second block comes from the
# heap and stays resident after its free; with the tuning it is unmapped.
PROBE = textwrap.dedent("""
    import ctypes, os, sys
    from viewer.runtime.heap_tuning import limit_heap_fragmentation
    applied = limit_heap_fragmentation()
    libc = ctypes.CDLL("libc.so.6")
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = (ctypes.c_size_t,)
    libc.free.argtypes = (ctypes.c_void_p,)
    def rss_mb():
        with open("/proc/self/status") as fh:
            return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS:")) / 1024
    big = 24 << 20
    first = libc.malloc(big); ctypes.memset(first, 1, big); libc.free(first)   # raises glibc's threshold
    block = libc.malloc(big); ctypes.memset(block, 1, big)
    pin = libc.malloc(64); ctypes.memset(pin, 1, 64)                           # a live allocation above it
    before = rss_mb()
    libc.free(block)
    print(applied, before - rss_mb())
""")


def _run(keep_defaults: bool) -> tuple[bool, float]:
    env = dict(os.environ)
    env.pop(KEEP_DEFAULTS_ENV, None)
    if keep_defaults:
        env[KEEP_DEFAULTS_ENV] = "1"
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True,
                         cwd=str(Path(__file__).resolve().parents[3]))
    applied, released = out.stdout.split()
    return applied == "True", float(released)


def test_freed_framebuffer_sized_blocks_are_returned():
    applied, released = _run(keep_defaults=False)
    assert applied
    assert released > 20  # MB: the 24 MB block left the process


def test_without_the_tuning_the_block_stays_resident():
    # the check above is only meaningful if glibc's default behaviour is what we avoid
    applied, released = _run(keep_defaults=True)
    assert not applied
    assert released < 4


def test_the_switch_keeps_the_defaults(monkeypatch):
    monkeypatch.setenv(KEEP_DEFAULTS_ENV, "1")
    assert limit_heap_fragmentation() is False

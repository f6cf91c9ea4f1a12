"""Keep large freed blocks from pinning memory in glibc's heap (Linux only).

With software OpenGL (Mesa llvmpipe) the framebuffers of the 3D view live in
process memory, and every resize of the view frees and allocates blocks of
4-32 MB (colour, depth, FXAA and Qt's textures). glibc first serves such blocks
with ``mmap``, but after the first large ``free`` it raises its mmap threshold
to that size, and from then on the blocks come from the main heap. The heap
can only shrink from its top, so freed framebuffers below live allocations
stay resident: measured here, 124-177 MB freed but held at 1920x1080, and a
peak (VmHWM) of 760-775 MB. A fixed 1 MB threshold keeps large blocks in their
own mappings, which go back to the system when freed: peak 637-649 MB, the
main heap about 84 MB instead of 340 MB.

No Qt here; :func:`limit_heap_fragmentation` runs first thing in ``main.py``.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: ``mallopt`` parameter number of ``M_MMAP_THRESHOLD`` (glibc ``malloc.h``).
M_MMAP_THRESHOLD = -3
#: Blocks at least this large get their own mapping.
MMAP_THRESHOLD_BYTES = 1 << 20
#: Set to 1 to keep glibc's defaults (for comparisons).
KEEP_DEFAULTS_ENV = "BRAIN_EXPLORER_MALLOC_DEFAULTS"


def limit_heap_fragmentation(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Fix glibc's mmap threshold at ``threshold`` bytes.

    Parameters
    ----------
    threshold : int
        Allocations of at least this size are served by their own ``mmap``.

    Returns
    -------
    bool
        True when the setting was applied; False on other platforms or C
        libraries (nothing to do there), or when :data:`KEEP_DEFAULTS_ENV` is set.
    """
    if not sys.platform.startswith("linux") or os.environ.get(KEEP_DEFAULTS_ENV) == "1":
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    return mallopt(M_MMAP_THRESHOLD, int(threshold)) == 1

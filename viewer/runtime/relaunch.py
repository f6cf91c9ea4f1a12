"""Start this app again: the command that runs it, and replacing the running process by a new one.

Used by the graphics check's "Restart with software rendering" and by the
Language menu's "Restart now". Qt-free.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Mapping, Sequence

log = logging.getLogger(__name__)


def app_command(argv: Sequence[str] | None = None) -> list[str]:
    """The command that starts this app with the arguments ``argv``.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program; this run's (``sys.argv[1:]``) when omitted.

    Returns
    -------
    list of str
        The bundle's executable, or the Python interpreter and ``main.py``, then ``argv``.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if getattr(sys, "frozen", False):
        return [sys.executable, *argv]
    return [sys.executable, os.path.abspath(sys.argv[0]), *argv]


def relaunch(command: Sequence[str], env: Mapping[str, str] | None = None) -> int:
    """Replace this process by ``command`` (on Windows: start it and return 0 for this one to end).

    Parameters
    ----------
    command : sequence of str
        From :func:`app_command`.
    env : mapping, optional
        The new process's environment; this one's when omitted.

    Returns
    -------
    int
        0 (on POSIX only when ``os.execve`` is mocked: the call does not return).
    """
    command = list(command)
    env = dict(os.environ if env is None else env)
    log.warning("restarting: %s", command)
    if os.name == "posix":
        os.execve(command[0], command, env)  # replaces this process: returns only when mocked
    else:  # Windows has no real exec: start the new app and let this one end
        subprocess.Popen(command, env=env)
    return 0

"""A step that hangs must end the self-test, never leave a classroom machine stuck."""

from __future__ import annotations

import os
import sys
import threading
import time

#: The watchdog fires this long after a step's limit (a waiting step fails by itself first).
WATCHDOG_GRACE = 10.0
#: And faulthandler ends the process this long after the watchdog, if the watchdog could not run.
LAST_RESORT_GRACE = 30.0


class Watchdog(threading.Thread):
    """Calls ``on_timeout(step, seconds)`` from its own thread when an armed step overruns.

    ``faulthandler`` is armed as well, :data:`LAST_RESORT_GRACE` later: it ends
    the process (exit code 1) even when this thread cannot run, e.g. while a C
    call holds the interpreter lock.
    """

    def __init__(self, on_timeout):
        super().__init__(name="self-test watchdog", daemon=True)
        self.on_timeout = on_timeout
        self._cond = threading.Condition()
        self._armed: tuple[str, float, float] | None = None  # step, seconds, deadline
        self._stopped = False

    def arm(self, step: str, seconds: float) -> None:
        with self._cond:
            self._armed = (step, seconds, time.monotonic() + seconds + WATCHDOG_GRACE)
            self._cond.notify()
        _last_resort(seconds + WATCHDOG_GRACE + LAST_RESORT_GRACE)

    def disarm(self) -> None:
        with self._cond:
            self._armed = None
            self._cond.notify()
        _last_resort(None)

    def stop(self) -> None:
        with self._cond:
            self._stopped = True
            self._armed = None
            self._cond.notify()
        _last_resort(None)

    def run(self) -> None:
        with self._cond:
            while not self._stopped:
                if self._armed is None:
                    self._cond.wait()
                    continue
                step, seconds, deadline = self._armed
                remaining = deadline - time.monotonic()
                if remaining > 0:
                    self._cond.wait(remaining)
                    continue
                self._armed = None
                self._cond.release()
                try:
                    self.on_timeout(step, seconds)
                finally:
                    self._cond.acquire()


def _last_resort(seconds: float | None) -> None:
    import faulthandler

    try:
        if seconds is None:
            faulthandler.cancel_dump_traceback_later()
        else:
            faulthandler.dump_traceback_later(seconds, exit=True)
    except (RuntimeError, ValueError, AttributeError, OSError):  # no usable stderr (a windowed app)
        pass


def exit_now(code: int) -> None:
    """End the process at once (a stuck main thread never returns); the tests replace this."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

"""Warm start of the frozen bundle against the venv's, side by side, in one run.

    .venv/bin/python bench/frozen_start.py [--bundle dist/brain-region-explorer] [--reps 3] [--json out.json]

The bundle cannot run the in-process start probe (``bench/_probe_start.py``), so
both apps are timed the same way from outside: each is started as a user would
start it (``python main.py`` and ``dist/brain-region-explorer/brain-region-explorer``)
with its own warm HOME (mesh cache and matplotlib font cache filled by one
untimed start), while this process grabs the X screen every 50 ms. The start
time is spawn -> the first grab that already shows the final picture (the same
as a grab taken once nothing has changed for a few seconds). Runs alternate
venv/frozen; the medians and frozen/venv are printed.

Without a DISPLAY the script re-runs itself under ``xvfb-run``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SCREEN = "1920x1080x24"
GRAB_EVERY_S = 0.05
#: Nothing changed on screen for this long: the start is over.
SETTLED_S = 4.0
#: Mean absolute difference (0-255, on a 1/4-scale grey grab) below which two grabs are the same picture.
SAME_PICTURE = 0.5


def ensure_display(argv: list[str]) -> None:
    if os.environ.get("DISPLAY") or os.environ.get("FROZEN_BENCH_UNDER_XVFB"):
        return
    if not shutil.which("xvfb-run"):
        raise SystemExit("no DISPLAY and no xvfb-run")
    env = dict(os.environ, FROZEN_BENCH_UNDER_XVFB="1")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN}", sys.executable, str(Path(__file__).resolve()), *argv]
    sys.exit(subprocess.run(cmd, env=env).returncode)


class ScreenWatcher:
    """Grabs the whole X screen, scaled down to grey numpy arrays."""

    def __init__(self):
        from PySide6.QtGui import QGuiApplication

        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
        self.app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
        self.screen = self.app.primaryScreen()

    def grab(self):
        import numpy as np
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QImage

        pixmap = self.screen.grabWindow(0)
        image = pixmap.toImage().scaled(pixmap.width() // 4, pixmap.height() // 4,
                                        Qt.AspectRatioMode.IgnoreAspectRatio,
                                        Qt.TransformationMode.FastTransformation)
        image = image.convertToFormat(QImage.Format.Format_Grayscale8)
        bpl = image.bytesPerLine()
        data = np.frombuffer(image.constBits(), dtype=np.uint8, count=bpl * image.height())
        return data.reshape(image.height(), bpl)[:, :image.width()].astype(np.int16)


def time_start(watcher: ScreenWatcher, cmd: list[str], env: dict, timeout: float = 120.0) -> dict:
    """Start ``cmd``; seconds from spawn to the first grab showing the settled picture."""
    import numpy as np

    blank = watcher.grab()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=str(ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    grabs = []
    last_change = t0
    try:
        while time.perf_counter() - t0 < timeout and proc.poll() is None:
            time.sleep(GRAB_EVERY_S)
            frame = watcher.grab()
            now = time.perf_counter()
            if not grabs or np.abs(frame - grabs[-1][1]).mean() > SAME_PICTURE:
                last_change = now
            grabs.append((now, frame))
            shown = np.abs(frame - blank).mean() > SAME_PICTURE
            if shown and now - last_change >= SETTLED_S:
                break
        else:
            err = proc.stderr.read().decode(errors="replace")[-800:] if proc.poll() is not None else ""
            return {"error": f"no settled picture (exit {proc.poll()}) {err}"}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    final = grabs[-1][1]
    first = next(t for t, frame in grabs if np.abs(frame - final).mean() <= SAME_PICTURE)
    return {"start_s": first - t0}


def flavour_env(home: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP", "MPLCONFIGDIR",
                                                            "BRAIN_EXPLORER_CACHE_DIR")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_STATE_HOME=str(home / ".local" / "state"), NILEARN_DATA=str(home / "nilearn_data"),
               QT_QPA_PLATFORM="xcb")
    return env


def compare(bundle: Path, python: str, reps: int) -> dict:
    """Warm starts of the venv's app and the bundle, alternating; returns the raw times and medians."""
    watcher = ScreenWatcher()
    tmp = Path(tempfile.mkdtemp(prefix="frozen-bench-"))
    flavours = {"venv": [python, str(ROOT / "main.py")], "frozen": [str(bundle / "brain-region-explorer")]}
    envs = {}
    result: dict = {"raw": {name: [] for name in flavours}, "warm_up": {}}
    try:
        for name in flavours:  # one untimed start fills the HOME's caches
            (tmp / name).mkdir()
            envs[name] = flavour_env(tmp / name)
            result["warm_up"][name] = time_start(watcher, flavours[name], envs[name])
        result["raw"]["frozen_new_account"] = []
        for rep in range(reps):
            for name, cmd in flavours.items():
                result["raw"][name].append(time_start(watcher, cmd, envs[name]))
            # a new account: an empty HOME, so only the bundle's prebuilt meshes can make it warm
            (tmp / f"new{rep}").mkdir()
            result["raw"]["frozen_new_account"].append(
                time_start(watcher, flavours["frozen"], flavour_env(tmp / f"new{rep}")))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for name in flavours:
        times = [r["start_s"] for r in result["raw"][name] if "start_s" in r]
        result[f"{name}_warm_s"] = median(times) if times else None
    times = [r["start_s"] for r in result["raw"]["frozen_new_account"] if "start_s" in r]
    result["frozen_new_account_s"] = median(times) if times else None
    if result["venv_warm_s"] and result["frozen_warm_s"]:
        result["frozen_over_venv"] = result["frozen_warm_s"] / result["venv_warm_s"]
    if result["frozen_new_account_s"] and result["frozen_warm_s"]:
        result["new_account_over_warm"] = result["frozen_new_account_s"] / result["frozen_warm_s"]
    return result


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ensure_display(argv)
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--bundle", type=Path, default=ROOT / "dist" / "brain-region-explorer")
    p.add_argument("--python", default=sys.executable, help="the venv's Python (default: this one)")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--json", type=Path)
    args = p.parse_args(argv)
    if not (args.bundle / "brain-region-explorer").exists():
        print(f"no bundle in {args.bundle}: build it with scripts/build-bundle.sh", file=sys.stderr)
        return 1
    r = compare(args.bundle, args.python, args.reps)
    if args.json:
        args.json.write_text(json.dumps(r, indent=1))

    def fmt(v):
        return f"{v:.2f} s" if v else "failed"

    print(f"warm start to the settled window (median of {args.reps}):")
    print(f"  venv    {fmt(r['venv_warm_s'])}  {[round(x.get('start_s', -1), 2) for x in r['raw']['venv']]}")
    print(f"  frozen  {fmt(r['frozen_warm_s'])}  {[round(x.get('start_s', -1), 2) for x in r['raw']['frozen']]}")
    new = r["raw"]["frozen_new_account"]
    print(f"  frozen, new account (empty HOME)  {fmt(r['frozen_new_account_s'])}  "
          f"{[round(x.get('start_s', -1), 2) for x in new]}")
    if r.get("frozen_over_venv"):
        print(f"  frozen / venv = {r['frozen_over_venv']:.2f}  (target <= 1.0)")
    if r.get("new_account_over_warm"):
        print(f"  new account / frozen warm = {r['new_account_over_warm']:.2f}  (target about 1.0: prebuilt meshes)")
    for name in ("venv", "frozen", "frozen_new_account"):
        for row in r["raw"][name]:
            if "error" in row:
                print(f"  {name}: {row['error']}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Statistics and the printed table of ``bench/run_benchmarks.py``."""

from __future__ import annotations

import statistics
from pathlib import Path


def pct(values, q: float) -> float:
    """q-th percentile (0..100), linear interpolation."""
    v = sorted(values)
    if not v:
        return float("nan")
    k = (len(v) - 1) * q / 100.0
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def med(values) -> float:
    return statistics.median(values) if values else float("nan")


def frame_stats(frames: dict) -> dict:
    f = [1000 * x for x in frames["frame"]]
    r = [1000 * x for x in frames["render"]]
    return {"median_ms": med(f), "p95_ms": pct(f, 95), "max_ms": max(f) if f else None,
            "render_only_median_ms": med(r), "renders_per_frame": frames["renders_per_frame"],
            "none_refs_lost_per_frame": frames.get("none_refs_lost_per_frame"), "n": len(f)}


def summarise_importtime(path: Path, top: int = 25) -> list:
    """Top-level imports by cumulative time (from ``-X importtime``): [(module, seconds)]."""
    rows = []
    for line in path.read_text().splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, rest = line.split(":", 1)
        self_us, cum_us, name = rest.split("|", 2)
        depth = (len(name) - len(name.lstrip()) - 1) // 2
        rows.append((depth, name.strip(), int(self_us), int(cum_us)))
    first_level = [(n, c / 1e6) for d, n, s, c in rows if d == 0]
    return sorted(first_level, key=lambda x: -x[1])[:top]


# --------------------------------------------------------------------------- output
def fmt(x, unit="", nd=0):
    if x is None or (isinstance(x, float) and x != x):
        return "n/a"
    return f"{x:.{nd}f}{unit}"


def print_table(results: dict) -> None:
    S, M = results["summary"], results["machine"]
    print()
    print(f"Brain Region Explorer benchmarks  {M.get('date')}  {M.get('cpus')} CPUs  {M.get('gl_renderer', '?')}")
    print(f"  VTK {M.get('vtk')}  pyvista {M.get('pyvista')}  pyvistaqt {M.get('pyvistaqt')}  "
          f"PySide6 {M.get('pyside6')}  Python {M.get('python')}")
    loads = ", ".join(f"{k}: {v['loadavg_1min']:.1f}" for k, v in results["load"].items())
    print(f"  load average during the run: {loads}")
    print()
    print("Start-up to first frame (median)")
    print(f"  import floor (PySide6 + pyvista + pyvistaqt)   {fmt(S['floor_s'], ' s', 2)}")
    print(f"  same imports, garbage collector paused         {fmt(S['floor_gc_paused_s'], ' s', 2)}   "
          "(as the app imports)")
    print(f"  warm start (mesh cache filled)                 {fmt(S['warm_s'], ' s', 2)}   "
          f"= {fmt(S['warm_over_floor'], 'x', 2)} floor, "
          f"{fmt(S['warm_over_floor_gc_paused'], 'x', 2)} the floor with the collector paused")
    print(f"  cold start (empty mesh cache)                  {fmt(S['cold_s'], ' s', 2)}   "
          f"= warm + {fmt(S['cold_minus_warm_s'], ' s', 2)}")
    print(f"  very first start (fresh HOME, empty caches)    {fmt(S['first_start_s'], ' s', 2)}")
    print(f"  main.py --screenshot 1920x1080 (warm)          {fmt(S['screenshot_s'], ' s', 2)}")
    print()
    print("Orbit frame time (camera change -> frame on screen)   median    p95   1 VTK render  renders/frame"
          "  triangles")
    rows = [(f"ours {k}", v) for k, v in S["orbit"].items()] + [(f"naive {k}", v) for k, v in S["naive"].items()]
    for name, v in rows:
        size = "x".join(map(str, v["size"]))
        print(f"  {name:22s} ({size:>9s})                    {fmt(v['median_ms'], ' ms'):>8s}"
              f" {fmt(v['p95_ms'], ' ms'):>7s}"
              f" {fmt(v['render_only_median_ms'], ' ms'):>10s} {v['renders_per_frame']:10.1f} {v['triangles']:>12,d}")
    print(f"  naive / ours at 1280x800: {fmt(S.get('naive_over_ours'), 'x', 1)}   "
          f"at 1920x1080: {fmt(S.get('naive_over_ours_1920'), 'x', 1)}")
    print()
    print(f"Click -> panel shows the region (median): {fmt(S['picking_ms'], ' ms')}  "
          f"(until the event queue is empty: {fmt(S['picking_idle_ms'], ' ms')})")
    for r, v in S["picking"].items():
        print(f"  {r:22s} " + (f"{fmt(v['to_panel_ms'], ' ms')} / {fmt(v['to_idle_ms'], ' ms')}" if "to_panel_ms" in v
                                else str(v)))
    print(f"Peak memory (VmHWM) of the window process: after start {fmt(S['memory_after_start_mb'], ' MB')}, "
          f"after the orbits {fmt(S['peak_memory_mb'], ' MB')}")
    print()
    print("Scale (1280x800, app settings)                        triangles  actors  median    p95   build+1st frame")
    for k, v in S["scale"].items():
        print(f"  {k:52s} {v['triangles']:>9,d} {v['actors']:>6d} {fmt(v['median_ms'], ' ms'):>8s}"
              f" {fmt(v['p95_ms'], ' ms'):>7s} {fmt(v['build_and_first_frame_s'], ' s', 2):>8s}")
    if "levers" in S:
        print()
        print("Levers (real window, 1280x800; paired with the shipped settings)   shipped   lever  lever/shipped"
              "  renders/frame")
        for k, v in S["levers"].items():
            print(f"  {k:64s} {fmt(v['shipped_median_ms'], ' ms'):>8s} {fmt(v['lever_median_ms'], ' ms'):>7s}"
                  f" {fmt(v['ratio'], 'x', 2):>9s} {v['renders_per_frame']:10.1f}")
    print()
    print("Targets")
    for name, (value, ok) in S["targets"].items():
        val = fmt(value, "", 2) if isinstance(value, float) else str(value)
        print(f"  [{'met' if ok else 'NOT MET':7s}] {name:36s} measured {val}")
    print(f"\n(total benchmark time {results['total_s']:.0f} s; raw data and logs in {results.get('tmp')})")

"""Export jobs: the JSON the window hands its export child is checked like any untrusted file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from viewer.exports import jobs
from viewer.exports.jobs import DEFAULTS, ExportJob, JobError, child_main, read_job_file, write_job_file
from viewer.scene.camera_views import CameraPose
from viewer.scene.export_spec import SceneSnapshot


def a_job(kind="image", **options) -> ExportJob:
    pose = CameraPose(*(__import__("numpy").array(v, float) for v in ([300, 0, 0], [0, 0, 10], [0, 0, 1])))
    snapshot = SceneSnapshot(selected_region="hippocampus", camera=pose, language="es", labels=True)
    return ExportJob(kind, snapshot, "/tmp/out.png", options)


@pytest.mark.parametrize("kind", list(DEFAULTS))
def test_a_job_survives_its_json_file(kind, tmp_path):
    options = {"image": {"size": (800, 600), "caption": "<b>x</b>", "transparent": True, "view_aspect": 1.5},
               "movie": {"size": (64, 48), "fps": 12, "frames": 10, "axis": "y"},
               "handout": {"paper": "letter", "level": "advanced"}, "model": {}}[kind]
    job = a_job(kind, **options)
    back = read_job_file(write_job_file(job, tmp_path))
    assert back == job and back.options == job.options
    assert back.snapshot.camera is not None and list(back.snapshot.camera.position) == [300, 0, 0]
    assert set(back.options) == set(DEFAULTS[kind])   # missing options take their defaults


@pytest.mark.parametrize("change, words", [
    (lambda d: d.update(kind="video"), "kind"),
    (lambda d: d.update(kind=["image"]), "kind"),
    (lambda d: d.update(extra=1), "exactly"),
    (lambda d: d.pop("output"), "exactly"),
    (lambda d: d.update(output=""), "output"),
    (lambda d: d.update(output="a\x00b.png"), "output"),
    (lambda d: d.update(output="x" * 5000), "output"),
    (lambda d: d["options"].update(size=[100000, 10]), "width"),
    (lambda d: d["options"].update(size=[64]), "size"),
    (lambda d: d["options"].update(size="64x48"), "size"),
    (lambda d: d["options"].update(size=[64.5, 48]), "width"),
    (lambda d: d["options"].update(transparent="yes"), "transparent"),
    (lambda d: d["options"].update(caption=7), "caption"),
    (lambda d: d["options"].update(view_aspect=float("nan")), "view_aspect"),
    (lambda d: d["options"].update(view_aspect=True), "view_aspect"),
    (lambda d: d["options"].update(fps=30), "unknown"),
    (lambda d: d.update(options=[1, 2]), "table"),
    (lambda d: d["snapshot"].update(cortex_opacity=7), "cortex_opacity"),
    (lambda d: d["snapshot"].update(camera={"position": [1e9, 0, 0], "focal_point": [0, 0, 0],
                                            "view_up": [0, 0, 1]}), "camera"),
])
def test_a_hostile_job_is_refused_naming_the_field(change, words):
    data = a_job().to_dict()
    change(data)
    with pytest.raises(JobError, match=words):
        ExportJob.from_dict(json.loads(json.dumps(data)))


@pytest.mark.parametrize("kind, options, words", [
    ("movie", {"fps": 0}, "fps"), ("movie", {"fps": 61}, "fps"), ("movie", {"frames": 36_001}, "frames"),
    ("movie", {"frames": -1}, "frames"), ("movie", {"axis": "w"}, "axis"), ("handout", {"paper": "a3"}, "paper"),
    ("handout", {"level": "expert"}, "level"), ("model", {"size": [64, 48]}, "unknown"),
])
def test_each_kinds_options_are_bounded(kind, options, words):
    with pytest.raises(JobError, match=words):
        a_job(kind, **options)


def test_a_job_file_that_is_too_big_or_not_json_is_refused_before_parsing(tmp_path, monkeypatch):
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (jobs.MAX_JOB_BYTES + 1))
    monkeypatch.setattr(json, "loads", lambda *a: pytest.fail("parsed a file over the limit"))
    with pytest.raises(JobError, match="larger than"):
        read_job_file(big)
    monkeypatch.undo()
    for raw in (b"\xff\xfe", b"{not json"):
        bad = tmp_path / "bad.json"
        bad.write_bytes(raw)
        with pytest.raises(JobError, match="not JSON"):
            read_job_file(bad)
    with pytest.raises(JobError, match="cannot read"):
        read_job_file(tmp_path / "missing.json")


# the child's protocol: progress lines, 'wrote PATH', one error line, exit codes -------------------------
def _child(tmp_path, job, run, capsys):
    path = write_job_file(job, tmp_path)
    jobs_run = jobs.run_job
    try:
        jobs.run_job = run
        code = child_main([str(path)])
    finally:
        jobs.run_job = jobs_run
    return code, capsys.readouterr()


def test_the_child_prints_progress_and_what_it_wrote(tmp_path, capsys):
    def run(job, progress, cancelled, **_):
        for done in range(1, 4):
            progress(done, 3)
        return Path(job.output), 3

    code, out = _child(tmp_path, a_job("movie"), run, capsys)
    assert code == 0
    assert out.out.splitlines() == ["progress 1 3", "progress 2 3", "progress 3 3", "wrote /tmp/out.png (3 frames)"]
    assert out.err == ""


@pytest.mark.parametrize("exc, code", [
    (__import__("atlases.errors", fromlist=["x"]).ExplorerError("/x/out.png: no\nspace  left"), 1),
    (OSError(28, "No space left on device", "/x/out.png"), 1),
    (__import__("atlases.errors", fromlist=["x"]).UnknownNameError("region", "nope", ["a"]), 2),
    (KeyboardInterrupt(), 130),
    (RuntimeError("boom"), 1),
])
def test_the_childs_errors_are_one_line_and_an_exit_code(exc, code, tmp_path, capsys):
    def run(job, progress, cancelled, **_):
        raise exc

    got, out = _child(tmp_path, a_job(), run, capsys)
    assert got == code and "wrote" not in out.out
    lines = out.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    if isinstance(exc, OSError):
        assert "/x/out.png: No space left on device" in lines[0]


def test_the_child_refuses_a_bad_job_file_with_exit_2(tmp_path, capsys):
    bad = tmp_path / "job.json"
    bad.write_text(json.dumps({"kind": "image"}))
    assert child_main([str(bad)]) == 2
    assert child_main([]) == 2
    assert capsys.readouterr().err.count("error: ") == 2


def test_sigterm_stops_a_movie_between_frames_and_anything_else_at_once(tmp_path, capsys):
    import os
    import signal

    seen = []

    def movie(job, progress, cancelled, **_):
        os.kill(os.getpid(), signal.SIGTERM)   # the window's Cancel
        seen.append(cancelled())               # a movie polls: no exception, the flag is up
        raise KeyboardInterrupt                # (export_movie's ExportCancelled, mapped by run_job)

    def image(job, progress, cancelled, **_):
        os.kill(os.getpid(), signal.SIGTERM)
        seen.append("not reached")
        return Path(job.output), None

    previous = signal.getsignal(signal.SIGTERM)
    try:
        assert _child(tmp_path, a_job("movie"), movie, capsys)[0] == 130
        assert seen == [True]
        assert _child(tmp_path, a_job("image"), image, capsys)[0] == 130
        assert seen == [True]
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_run_job_maps_a_cancelled_movie_to_keyboard_interrupt(monkeypatch):
    movie_export = pytest.importorskip("viewer.exports.movie_export")

    def cancelled_movie(*a, **k):
        raise movie_export.ExportCancelled("cancelled")

    monkeypatch.setattr(movie_export, "export_movie", cancelled_movie)
    job = a_job("movie")
    english = ExportJob("movie", job.snapshot.with_changes(language="en"), job.output, job.options)
    with pytest.raises(KeyboardInterrupt):
        jobs.run_job(english)   # (a Spanish job would install its translators on a new QGuiApplication first)


def test_the_handouts_fractions_become_progress_lines(monkeypatch, capsys):
    handout = pytest.importorskip("viewer.exports.handout")

    def fake_handout(snapshot, path, paper, level, content=None, model=None, progress=None):
        for fraction in (0.0, 0.5, 1.0, 7.0):
            progress("a page", fraction)
        return Path(path), 5

    monkeypatch.setattr(handout, "export_handout", fake_handout)
    seen, said = [], []
    assert jobs.run_job(a_job("handout"), progress=lambda done, total: seen.append((done, total)),
                        status=said.append) == (Path("/tmp/out.png"), 5)
    assert seen == [(0, 1000), (500, 1000), (1000, 1000), (1000, 1000)]
    assert said == ["a page"]   # once per step

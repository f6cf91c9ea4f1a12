"""Meshing several masks in order or with a forked helper process gives the same meshes."""

from __future__ import annotations

import multiprocessing
import os
import time

import numpy as np
import pytest

from atlases.meshes import mesh_jobs
from atlases.meshes.mesh_jobs import run_mesh_jobs, split_jobs
from atlases.meshes.meshing import crop_mask, mesh_mask

needs_fork = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="no fork here")


def _ball(shape, centre, radius) -> np.ndarray:
    grid = np.indices(shape).transpose(1, 2, 3, 0)
    return np.linalg.norm(grid - np.asarray(centre), axis=-1) <= radius


@pytest.fixture(scope="module")
def jobs():
    shape = (40, 40, 40)
    masks = {"big": _ball(shape, (20, 20, 20), 12), "mid": _ball(shape, (12, 12, 12), 7),
             "small": _ball(shape, (30, 30, 30), 4), "tiny": _ball(shape, (5, 30, 5), 2.5)}
    return {key: crop_mask(mask) for key, mask in masks.items()}


def test_split_gives_the_biggest_job_a_worker_of_its_own(jobs):
    first, second = split_jobs(jobs, 2)
    assert first == ["big"]
    assert set(second) == {"mid", "small", "tiny"}
    assert split_jobs(jobs, 1) == [["big", "mid", "small", "tiny"]]


def _same(a, b):
    assert set(a) == set(b)
    for key in a:
        assert a[key].n_triangles == pytest.approx(b[key].n_triangles, rel=0.02), key
        np.testing.assert_allclose(a[key].centroid(), b[key].centroid(), atol=0.05)


@needs_fork
def test_a_forked_helper_gives_the_same_meshes_as_one_process(jobs):
    affine = np.diag([2.0, 2.0, 2.0, 1.0])
    in_order = run_mesh_jobs(jobs, affine, workers=1)
    forked = run_mesh_jobs(jobs, affine, workers=2)
    _same(forked, in_order)
    assert list(forked) == list(jobs)  # keys keep their order
    # and the same as meshing each mask alone
    single = mesh_mask(_ball((40, 40, 40), (20, 20, 20), 12), affine)
    _same({"big": forked["big"]}, {"big": single})


def _raise_in_helper(*args):
    raise RuntimeError("helper crashed")


def _die_in_helper(*args):
    import os

    os._exit(3)


@needs_fork
@pytest.mark.parametrize("failure, message", [(_raise_in_helper, "RuntimeError: helper crashed"),
                                              (_die_in_helper, "exit code 3")])
def test_a_failing_helper_is_replaced_by_meshing_here(jobs, monkeypatch, caplog, failure, message):
    expected = run_mesh_jobs(jobs, np.eye(4), workers=1)
    original = mesh_jobs.mesh_crop
    parent = os.getpid()

    def crop_failing_in_the_helper(*args):  # the helper is a fork: it sees this patch too
        if os.getpid() != parent:
            failure()
        return original(*args)

    monkeypatch.setattr(mesh_jobs, "mesh_crop", crop_failing_in_the_helper)
    result = run_mesh_jobs(jobs, np.eye(4), workers=2)
    _same(result, expected)
    assert f"mesh helper process failed ({message}" in caplog.text


@needs_fork
def test_a_helper_that_hangs_is_killed(jobs, monkeypatch, caplog):
    original = mesh_jobs.mesh_crop
    parent = os.getpid()

    def crop_hanging_in_the_helper(*args):
        if os.getpid() != parent:
            time.sleep(60)
        return original(*args)

    monkeypatch.setattr(mesh_jobs, "mesh_crop", crop_hanging_in_the_helper)
    monkeypatch.setattr(mesh_jobs, "HELPER_TIMEOUT_S", 1.0)
    result = run_mesh_jobs(jobs, np.eye(4), workers=2)
    assert set(result) == set(jobs)
    assert "mesh helper process failed (exit code -9)" in caplog.text   # killed, not waited for


def test_no_fork_with_other_threads_running(jobs, monkeypatch):
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not mesh_jobs.can_fork()
        forked = []
        monkeypatch.setattr(mesh_jobs, "_helper", lambda *args: forked.append(args))
        assert set(run_mesh_jobs(jobs, np.eye(4), workers=2)) == set(jobs)
        assert forked == []
    finally:
        stop.set()
        thread.join()

"""Mesh every region of a label volume: one job per cropped mask, on more than one core when asked.

A cold start builds the default atlas's meshes in a child process
(:mod:`atlases.meshes.mesh_builder`) while the window starts; once the window is up
the second core of a small laptop is idle. Surface nets and decimation hold
Python's GIL, so threads would not help: the builder forks helper processes,
which inherit the masks without copying and each mesh a share of the work
(balanced by mask size, the prefrontal cortex of one hemisphere being the
largest job). Measured on 2 cores: the mesh phase of the three regions took
0.7 s instead of 0.9 s.

Fork is only used on Linux, in a process with a single thread (the builder
child: no GUI, no OpenGL). A helper dies with its parent (``PR_SET_PDEATHSIG``),
so a killed builder leaves nothing behind. A helper that fails, crashes or
does not answer within :data:`HELPER_TIMEOUT_S` is killed and its share is
meshed here; anywhere else everything is meshed here, in order.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import sys
import threading
from typing import Any

import numpy as np

from atlases.meshes.meshing import DEFAULT_PARAMS, MeshParams, TriMesh, crop_mask, hemisphere_masks, mesh_crop

log = logging.getLogger(__name__)

Job = tuple[np.ndarray, np.ndarray]  # (cropped uint8 mask, index of its first voxel)

#: How long to wait for a helper after this process finished its own share.
HELPER_TIMEOUT_S = 120.0


def split_jobs(jobs: dict[Any, Job], parts: int) -> list[list]:
    """Share the job keys among ``parts`` workers, biggest first, each to the least loaded.

    Parameters
    ----------
    jobs : dict
        Key to :data:`Job`; the work of a job is taken as its mask's voxel count.
    parts : int

    Returns
    -------
    list of list
        ``parts`` lists of keys (some may be empty).
    """
    shares: list[list] = [[] for _ in range(max(parts, 1))]
    loads = [0] * len(shares)
    sizes = {key: int(np.count_nonzero(job[0])) for key, job in jobs.items()}
    for key in sorted(jobs, key=sizes.__getitem__, reverse=True):
        i = loads.index(min(loads))
        shares[i].append(key)
        loads[i] += sizes[key]
    return shares


def can_fork() -> bool:
    """True where forking helpers is safe: Linux, and no other thread in this process."""
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def _die_with_parent() -> None:
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _helper(conn, share: list, jobs: dict[Any, Job], affine: np.ndarray, params: MeshParams) -> None:
    """Forked helper: mesh ``share`` and send ``{key: TriMesh}`` (or the error text) back."""
    _die_with_parent()
    try:
        conn.send({key: mesh_crop(*jobs[key], affine, params) for key in share})
    except BaseException as exc:  # noqa: BLE001 - everything goes back to the parent, which meshes the share itself
        conn.send(f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def run_mesh_jobs(jobs: dict[Any, Job], affine: np.ndarray, params: MeshParams = DEFAULT_PARAMS,
                  workers: int = 1) -> dict:
    """Mesh every job.

    Parameters
    ----------
    jobs : dict
        Any key to :data:`Job` (from :func:`atlases.meshes.meshing.crop_mask`).
    affine : ndarray, shape (4, 4)
    params : MeshParams
    workers : int
        1 meshes here, in order; more forks up to ``workers - 1`` helper
        processes where :func:`can_fork`.

    Returns
    -------
    dict
        The same keys to :class:`~atlases.meshes.meshing.TriMesh`.
    """
    shares = split_jobs(jobs, workers)
    helpers = []
    if workers > 1 and can_fork():
        ctx = multiprocessing.get_context("fork")
        for share in shares[1:]:
            if not share:
                continue
            receive, send = ctx.Pipe(duplex=False)
            try:  # before this process runs its first VTK filter
                process = ctx.Process(target=_helper, args=(send, share, jobs, affine, params), daemon=True)
                process.start()
            except OSError as exc:  # no memory or no process slot for a fork: do it here
                log.warning("could not start a mesh helper process (%s)", exc)
                receive.close()
                send.close()
                continue
            send.close()
            helpers.append((process, receive, share))
    mine = [key for key in jobs if not any(key in share for _, _, share in helpers)]
    results = {key: mesh_crop(*jobs[key], affine, params) for key in mine}
    for process, receive, share in helpers:
        results.update(_collect(process, receive, share, jobs, affine, params))
    return {key: results[key] for key in jobs}


def _collect(process, receive, share: list, jobs: dict[Any, Job], affine: np.ndarray, params: MeshParams) -> dict:
    """The helper's meshes, or its share meshed here if it failed, died or hangs."""
    answer = None
    try:
        if receive.poll(HELPER_TIMEOUT_S):
            answer = receive.recv()
    except (EOFError, OSError):  # the helper died before answering
        answer = None
    finally:
        receive.close()
        process.join(timeout=5.0)
        if process.is_alive():
            process.kill()
            process.join()
    if isinstance(answer, dict):
        return answer
    log.warning("mesh helper process failed (%s); meshing %s here",
                answer if answer else f"exit code {process.exitcode}", share)
    return {key: mesh_crop(*jobs[key], affine, params) for key in share}


def mesh_regions(volume, region_labels: dict[str, list[int]], params: MeshParams = DEFAULT_PARAMS,
                 workers: int = 1) -> dict[str, dict[str, TriMesh]]:
    """Mesh every region in both hemispheres.

    Parameters
    ----------
    volume : LabelVolume
    region_labels : dict of str to list of int
        Region id to the label values that make it.
    params : MeshParams
    workers : int
        Processes to mesh in (see :func:`run_mesh_jobs`);
        more than one only in a process without threads of its own, such as
        the mesh-builder child.

    Returns
    -------
    dict
        ``{region_id: {"left": TriMesh, "right": TriMesh}}``; a hemisphere with
        no voxels of the region is left out.
    """
    left = volume.world_x() < 0
    jobs: dict[tuple[str, str], Job] = {}
    for region_id, ids in region_labels.items():
        for hemi, mask in hemisphere_masks(volume, ids, left).items():
            cropped = crop_mask(mask)
            if cropped is not None:
                jobs[(region_id, hemi)] = cropped
    meshes = run_mesh_jobs(jobs, volume.affine, params, workers)
    out: dict[str, dict[str, TriMesh]] = {region_id: {} for region_id in region_labels}
    for (region_id, hemi), mesh in meshes.items():
        out[region_id][hemi] = mesh
    return {r: dict(sorted(hemis.items())) for r, hemis in out.items()}

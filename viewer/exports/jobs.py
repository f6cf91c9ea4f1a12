"""Export jobs: what to export, checked as untrusted JSON, run the same way by the CLI and the export child.

The window never renders an export itself (a 4K frame takes seconds on a
software renderer and VTK holds the GIL): it writes an :class:`ExportJob`
to a JSON file and runs the app again with :data:`EXPORT_FLAG` and that
file (:func:`child_main`). ``main.py --screenshot/--movie/--handout/
--export-model`` builds the same job from its options (:func:`job_from_args`)
and runs it in its own process (:func:`run_job`).

The child's protocol: ``progress DONE TOTAL`` lines on stdout (flushed; a handout also says
which step it is at: ``status MESSAGE``), then
``wrote PATH`` (and the frame or page count); one ``error: ...`` line on
stderr; exit code 0 (written), 1 (failed), 2 (the job cannot be done as
asked: a bad job file, an unknown name, an unsupported extension) or 130
(cancelled: SIGTERM). A cancelled or failed export leaves no file.
"""

from __future__ import annotations

import json
import math
import signal
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from atlases.child_process_flags import EXPORT_FLAG
from atlases.errors import ExplorerError
from viewer.exports.export_language import in_language
from viewer.scene.export_spec import MAX_TEXT, SceneSnapshot, SnapshotError

__all__ = ["EXPORT_FLAG", "KINDS", "ExportJob", "JobError", "child_main", "done_line", "job_from_args",
           "read_job_file", "run_job", "write_job_file"]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_CANCELLED = 0, 1, 2, 130
KINDS = ("image", "movie", "handout", "model")
#: A job file longer than this is refused before it is parsed (a real one is about 2 kB).
MAX_JOB_BYTES = 256 * 1024
SIDE_RANGE = (16, 8192)
FPS_RANGE = (1, 60)
MAX_FRAMES = 36_000
AXES = ("z", "y", "x")
PAPERS = ("a4", "letter")
LEVELS = ("intro", "advanced")
#: Width / height of the window's view an image's camera comes from.
ASPECT_RANGE = (0.01, 100.0)

#: Each kind's options and their defaults (a job's options are these keys, no others).
DEFAULTS: dict[str, dict[str, Any]] = {
    "image": {"size": (1920, 1080), "transparent": False, "labels": False, "legend": False, "caption": None,
              "inset": False, "view_aspect": None},
    "movie": {"size": (1280, 720), "fps": 24, "frames": None, "axis": "z", "tour": False, "tour_id": None,
              "labels": False, "captions": True},
    "handout": {"paper": "a4", "level": "intro"},
    "model": {},
}

Progress = Callable[[int, int], None]


class JobError(ExplorerError):
    """An export job (or its JSON file) that cannot be used, naming the field."""


@dataclass(frozen=True)
class ExportJob:
    """One export: its kind, the scene it shows, the file it writes and the kind's options.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    snapshot : SceneSnapshot
    output : str
        The file to write; its extension picks the format.
    options : dict
        The kind's options (:data:`DEFAULTS`); missing ones take their defaults.
    """

    kind: str
    snapshot: SceneSnapshot
    output: str
    options: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise JobError(f"kind must be one of {', '.join(KINDS)}")
        object.__setattr__(self, "options", _check_options(self.kind, self.options))

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able values (sizes as two-item lists)."""
        options = {k: list(v) if isinstance(v, tuple) else v for k, v in self.options.items()}
        return {"kind": self.kind, "snapshot": self.snapshot.to_dict(), "output": self.output, "options": options}

    @classmethod
    def from_dict(cls, data: Any) -> ExportJob:
        """Check and read what :meth:`to_dict` wrote; anything else raises :class:`JobError`."""
        if not isinstance(data, dict) or set(data) != {"kind", "snapshot", "output", "options"}:
            raise JobError("an export job must have exactly kind, snapshot, output and options")
        output = data["output"]
        if not isinstance(output, str) or not output or len(output) > MAX_TEXT or "\x00" in output:
            raise JobError(f"output must be a file path of at most {MAX_TEXT} characters")
        if not isinstance(data["kind"], str):
            raise JobError(f"kind must be one of {', '.join(KINDS)}")
        try:
            snapshot = SceneSnapshot.from_dict(data["snapshot"])
        except SnapshotError as exc:
            raise JobError(str(exc)) from None
        return cls(data["kind"], snapshot, output, data["options"])


def _check_options(kind: str, options: Any) -> dict[str, Any]:
    """``options`` completed with the kind's defaults, every value checked and bounded."""
    if not isinstance(options, Mapping):
        raise JobError("options must be a table")
    defaults = DEFAULTS[kind]
    unknown = sorted(str(k) for k in set(options) - set(defaults))
    if unknown:
        raise JobError(f"{kind} options have unknown fields: {', '.join(unknown[:5])}")
    out = dict(defaults)
    for name, value in options.items():
        default = defaults[name]
        if name == "size":
            out[name] = _size(value)
        elif name == "fps":
            out[name] = _whole(value, name, *FPS_RANGE)
        elif name == "frames":
            out[name] = None if value is None else _whole(value, name, 1, MAX_FRAMES)
        elif name == "view_aspect":
            if value is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                      or not math.isfinite(value) or not ASPECT_RANGE[0] <= value <= ASPECT_RANGE[1]):
                raise JobError(f"view_aspect must be a number from {ASPECT_RANGE[0]:g} to {ASPECT_RANGE[1]:g}")
            out[name] = None if value is None else float(value)
        elif name == "tour_id":
            if value is not None and (not isinstance(value, str) or not value or len(value) > MAX_TEXT):
                raise JobError(f"tour_id must be a tour's id of at most {MAX_TEXT} characters")
            out[name] = value
        elif name == "caption":
            if value is not None and (not isinstance(value, str) or len(value) > MAX_TEXT):
                raise JobError(f"caption must be text of at most {MAX_TEXT} characters")
            out[name] = value or None
        elif isinstance(default, bool):
            if not isinstance(value, bool):
                raise JobError(f"{name} must be true or false")
            out[name] = value
        else:
            choices = {"axis": AXES, "paper": PAPERS, "level": LEVELS}[name]
            if value not in choices:
                raise JobError(f"{name} must be one of {', '.join(choices)}")
            out[name] = value
    return out


def _whole(value: Any, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or int(value) != value or not low <= value <= high:
        raise JobError(f"{name} must be a whole number from {low} to {high}")
    return int(value)


def _size(value: Any) -> tuple[int, int]:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        raise JobError("size must be a width and a height")
    return _whole(value[0], "width", *SIDE_RANGE), _whole(value[1], "height", *SIDE_RANGE)


# job files -----------------------------------------------------------------------------------------
def write_job_file(job: ExportJob, folder: str | Path) -> Path:
    """Write ``job`` as ``job.json`` in ``folder`` (a private temporary folder of the window)."""
    path = Path(folder) / "job.json"
    path.write_text(json.dumps(job.to_dict()), encoding="utf-8")
    return path


def read_job_file(path: str | Path) -> ExportJob:
    """The job in a JSON file, checked as untrusted input (:class:`JobError` names what is wrong)."""
    try:
        with open(path, "rb") as stream:
            raw = stream.read(MAX_JOB_BYTES + 1)
    except OSError as exc:
        raise JobError(f"{path}: cannot read the export job ({exc.strerror or exc})") from None
    if len(raw) > MAX_JOB_BYTES:
        raise JobError(f"{path}: the export job is larger than {MAX_JOB_BYTES // 1024} kB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise JobError(f"{path}: the export job is not JSON ({exc})") from None
    return ExportJob.from_dict(data)


# running ---------------------------------------------------------------------------------------------
def run_job(job: ExportJob, progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
            model=None, status: Callable[[str], None] | None = None) -> tuple[Path, int | None]:
    """Do the export; returns the path written and its frame count (movie) or page count (handout), else None.

    Parameters
    ----------
    job : ExportJob
    progress : callable(done, total), optional
        Called as frames or pages are done.
    cancelled : callable() -> bool, optional
        Polled between a movie's frames; True stops it (``KeyboardInterrupt``, no file).
    model : BrainModel, optional
        The loaded atlas, when the caller has it (the CLI); else loaded from the snapshot.
    status : callable(str), optional
        Called with the name of the step a handout is at (English; the window translates it).

    Raises
    ------
    atlases.errors.ExplorerError, OSError
        The export failed; nothing was written.
    KeyboardInterrupt
        Cancelled; nothing was written.
    """
    if job.kind == "handout":   # export_handout puts its headings in the language itself
        return _run(job, progress, cancelled, model, status)
    with in_language(job.snapshot.language):
        return _run(job, progress, cancelled, model, status)


def _run(job: ExportJob, progress, cancelled, model, status) -> tuple[Path, int | None]:
    opts = job.options
    if job.kind == "image":
        from viewer.exports.image_export import ImageOptions, export_image

        options = ImageOptions(size=opts["size"], transparent=opts["transparent"], labels=opts["labels"],
                               legend=opts["legend"], caption=opts["caption"], inset=opts["inset"],
                               view_aspect=opts["view_aspect"])
        return export_image(job.snapshot, job.output, options, model=model), None
    if job.kind == "movie":
        from viewer.exports.movie_export import ExportCancelled, MovieOptions, export_movie

        movie = MovieOptions(size=opts["size"], fps=opts["fps"], frames=opts["frames"], axis=opts["axis"],
                             tour=opts["tour"], labels=opts["labels"], captions=opts["captions"])
        tour = None
        if opts["tour"] and opts["tour_id"] is not None:
            from viewer.exports.movie_export import find_tour

            tour = find_tour(job.snapshot, opts["tour_id"])
        try:
            return export_movie(job.snapshot, job.output, movie, tour=tour, model=model, progress=progress,
                                cancelled=cancelled)
        except ExportCancelled:
            raise KeyboardInterrupt from None
    if job.kind == "handout":
        from viewer.exports.handout import export_handout

        per_mille = None if progress is None and status is None else _per_mille(progress, status)
        return export_handout(job.snapshot, job.output, opts["paper"], opts["level"], model=model,
                              progress=per_mille)
    from PySide6.QtCore import QCoreApplication

    from viewer.scene.model_export import export_model

    return export_model(job.snapshot, job.output, model=model, tr=QCoreApplication.translate), None


def _per_mille(progress: Progress | None, status: Callable[[str], None] | None) -> Callable[[str, float], None]:
    """The handout's ``progress(message, fraction)`` as ``status(message)`` and ``progress(done, 1000)``."""
    last = [""]

    def report(message: str, fraction: float) -> None:
        if status is not None and message != last[0]:
            last[0] = message
            status(message)
        if progress is not None:
            progress(round(min(max(fraction, 0.0), 1.0) * 1000), 1000)
    return report


def done_line(job: ExportJob, path: Path, count: int | None) -> str:
    """``wrote PATH``, with the frame or page count when there is one."""
    if count is None:
        return f"wrote {path}"
    noun = "frames" if job.kind == "movie" else "pages"
    return f"wrote {path} ({count} {noun})"


def job_from_args(args, content=None) -> tuple[ExportJob, Any]:
    """The job of ``main.py``'s export options, and the atlas it loaded (names checked, output path checked first).

    ``args`` has passed :func:`viewer.command_line.check_args`: exactly one of ``screenshot``, ``movie``,
    ``handout`` and ``export_model`` is set. ``content`` (a lecturer's pack, loaded by ``main.py``) gives
    ``--inset`` its first mechanism step; the built-in content's otherwise.
    """
    from atlases.meshes.brain_model import load_brain_model
    from atlases.resources import DEFAULT_LANGUAGE
    from atlases.sources.registry import DEFAULT_ATLAS
    from viewer.scene.headless import screenshot_snapshot
    from viewer.scene.themes import DEFAULT_THEME, get_theme

    if args.screenshot is not None:
        kind, output = "image", args.screenshot
        options = {"size": args.size or DEFAULTS["image"]["size"], "transparent": args.transparent,
                   "labels": args.labels, "legend": args.legend, "caption": args.caption, "inset": args.inset}
    elif args.movie is not None:
        kind, output = "movie", args.movie
        options = {"size": args.size or DEFAULTS["movie"]["size"], "fps": args.fps or DEFAULTS["movie"]["fps"],
                   "frames": args.frames, "axis": args.axis or "z", "tour": args.tour, "labels": args.labels}
    elif args.handout is not None:
        kind, output = "handout", args.handout
        options = {"paper": args.paper or "a4", "level": args.level or "intro"}
    else:
        kind, output = "model", args.export_model
        options = {}
    from viewer.scene.image_output import OutputError, check_output_path

    if kind == "image":   # the path, before the atlas is loaded
        check_output_path(output, transparent=args.transparent)
    else:
        from atlases.files.output_files import check_output_file

        check_output_file(output, f"the {kind}", OutputError)
    theme = get_theme(args.theme or DEFAULT_THEME)
    model = load_brain_model(args.atlas or DEFAULT_ATLAS, data_dir=args.atlas_dir)
    if args.region is not None:
        model.atlas.region(args.region)
    snapshot = screenshot_snapshot(model, args.region, args.view, theme, args.cutaway).with_changes(
        data_dir=None if args.atlas_dir is None else str(args.atlas_dir), language=args.lang or DEFAULT_LANGUAGE,
        content_dir=None if args.content is None else str(Path(args.content).resolve()), labels=args.labels)
    if kind == "image" and args.inset:   # the first step of the mechanism, as the window shows it at first
        if content is None:
            from atlases.teaching.content import load_content

            content = load_content(language=snapshot.language)
        snapshot = snapshot.with_changes(mechanism_step=content.mechanism.steps[0].id)
    return ExportJob(kind, snapshot, str(output), options), model


# the child process -------------------------------------------------------------------------------
def child_main(argv: list[str]) -> int:
    """Run the export job in the file ``argv[0]`` (``main.py --export-child JOB.json``); returns the exit code."""
    stop = {"asked": False}

    def on_terminate(signum, frame):   # the window's Cancel: QProcess.terminate()
        if stop["asked"] or stop.get("no_polling"):
            raise KeyboardInterrupt
        stop["asked"] = True   # a movie stops between frames, cleanly

    signal.signal(signal.SIGTERM, on_terminate)
    _die_with_parent()
    if len(argv) != 1:
        print(f"error: {EXPORT_FLAG} takes one export job file", file=sys.stderr)
        return EXIT_USAGE
    try:
        job = read_job_file(argv[0])
        stop["no_polling"] = job.kind != "movie"
        if stop["asked"]:
            raise KeyboardInterrupt
        path, count = run_job(job, progress=_print_progress, cancelled=lambda: stop["asked"], status=_print_status)
    except KeyboardInterrupt:
        print("error: cancelled", file=sys.stderr)
        return EXIT_CANCELLED
    except ExplorerError as exc:
        from viewer.scene.image_output import UnsupportedFormatError

        print(f"error: {_one_line(str(exc))}", file=sys.stderr)
        usage = isinstance(exc, (JobError, KeyError, UnsupportedFormatError))
        return EXIT_USAGE if usage else EXIT_ERROR
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {_one_line(where + str(exc.strerror or exc))}", file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - one line for the window, never a traceback
        print(f"error: unexpected problem ({type(exc).__name__}: {_one_line(str(exc))})", file=sys.stderr)
        return EXIT_ERROR
    print(done_line(job, path, count), flush=True)
    return EXIT_OK


def _print_progress(done: int, total: int) -> None:
    print(f"progress {int(done)} {int(total)}", flush=True)


def _print_status(message: str) -> None:
    print(f"status {_one_line(message)[:200]}", flush=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())[:2000]


def _die_with_parent() -> None:
    """Linux: SIGTERM this child when the window's process dies, so a crashed window leaves no export running."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):   # not fatal: the window also terminates its children on close
        pass

"""The command line of ``main.py``: its options and the checks between them.

Imports only argparse and two small modules, so ``--help`` and argument
errors are instant; the flags' work is imported by ``main.py`` in their
branches.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from atlases.resources import LANGUAGES
from viewer import APP_NAME

#: Extensions of the files each export writes (an unknown one is a usage error: exit code 2).
MOVIE_EXTENSIONS = (".mp4", ".gif")
HANDOUT_EXTENSIONS = (".pdf",)
MODEL_EXTENSIONS = (".glb",)
AXES = ("z", "y", "x")
PAPERS = ("a4", "letter")
LEVELS = ("intro", "advanced")
#: Bounds of --frames and --fps (as the export child checks them).
MAX_FRAMES = 36_000
FPS_RANGE = (1, 60)


def _size(text: str) -> tuple[int, int]:
    from viewer.scene.tiled_render import MAX_SIDE, MIN_SIDE

    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError(f"width and height must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    return w, h


def _count(low: int, high: int):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a whole number is needed, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be between {low} and {high}, got {value}")
        return value
    return parse


def build_parser() -> argparse.ArgumentParser:
    """The parser of ``main.py``'s options (no checks between options: :func:`check_args`)."""
    p = argparse.ArgumentParser(
        prog="main.py", description=f"{APP_NAME}: a 3D brain-region explorer for teaching how ketamine acts "
        "on the prefrontal cortex, hippocampus and posteromedial cortex.")
    p.add_argument("--atlas", default=None, help="atlas id (default: desikan_killiany; --list shows all)")
    p.add_argument("--atlas-dir", default=None, metavar="DIR",
                   help="folder with downloaded atlases (a nilearn data directory)")
    p.add_argument("--theme", default=None, help="colour theme: light, dark or projector")
    p.add_argument("--list", action="store_true", help="list atlases, regions, views and themes, then exit")
    p.add_argument("--lang", default=None, choices=sorted(LANGUAGES),
                   help="language of the interface and the built-in content (the window's default: the saved choice, "
                   "else the system's; --list and --mechanism-diagram: English). A lecturer's --content folder is "
                   "shown in its own language")
    shot = p.add_argument_group("headless rendering")
    shot.add_argument("--screenshot", metavar="FILE",
                      help="render the scene to this image file and exit (no window); the extension picks the "
                      "format: .png, .jpg, .jpeg, .tif, .tiff or .bmp")
    shot.add_argument("--size", type=_size, default=None, metavar="WxH",
                      help="image size (1920x1080 for --screenshot; 1280x720 for --movie; the diagram's own aspect, "
                      "1600 pixels wide, for --mechanism-diagram)")
    shot.add_argument("--region", default=None, help="region to emphasise")
    shot.add_argument("--view", default="lateral", help="named view (lateral, medial, anterior, ...)")
    cut = shot.add_mutually_exclusive_group()
    cut.add_argument("--cutaway", dest="cutaway", action="store_true", default=None,
                     help="cut the cortex away to uncover the hippocampus")
    cut.add_argument("--no-cutaway", dest="cutaway", action="store_false")
    shot.add_argument("--transparent", action="store_true",
                      help="with --screenshot: a transparent background (.png or .tif)")
    shot.add_argument("--labels", action="store_true", help="with --screenshot or --movie: the regions' names")
    shot.add_argument("--legend", action="store_true", help="with --screenshot: a legend of the regions' colours")
    shot.add_argument("--caption", default=None, metavar="TEXT", help="with --screenshot: a caption below the brain")
    shot.add_argument("--inset", action="store_true",
                      help="with --screenshot: the mechanism diagram's first step beside the brain")
    movie = p.add_argument_group("movies")
    movie.add_argument("--movie", default=None, metavar="OUT",
                       help="write a movie and exit (no window): a 360° turn, or with --tour the guided tour; "
                       "the extension picks the format: .mp4 (H.264) or .gif")
    movie.add_argument("--frames", type=_count(1, MAX_FRAMES), default=None, metavar="N",
                       help="with --movie: the number of frames of the turn (default: 12 seconds' worth)")
    movie.add_argument("--fps", type=_count(*FPS_RANGE), default=None, metavar="F",
                       help="with --movie: frames per second (default 24)")
    movie.add_argument("--tour", action="store_true",
                       help="with --movie: the guided tour, its camera flights and captions (its length follows "
                       "from the tour and --fps)")
    movie.add_argument("--axis", default=None, choices=AXES, help="with --movie: the axis of the turn (default z)")
    handout = p.add_argument_group("handout")
    handout.add_argument("--handout", default=None, metavar="OUT.pdf",
                         help="write a PDF handout (the regions, the mechanism, the safety note and the references) "
                         "and exit")
    handout.add_argument("--paper", default=None, choices=PAPERS, help="with --handout: the paper size (default a4)")
    handout.add_argument("--level", default=None, choices=LEVELS,
                         help="with --handout: the reading level of the region texts (default intro)")
    model = p.add_argument_group("3D model")
    model.add_argument("--export-model", default=None, metavar="OUT.glb",
                       help="write the cortex and the three regions, with their colours and names, as a glTF 2.0 "
                       "binary file and exit")
    diagram = p.add_argument_group("mechanism diagram")
    diagram.add_argument("--mechanism-diagram", nargs=2, metavar=("STEP_ID", "OUT.png"), default=None,
                         help="draw one step of the ketamine mechanism diagram to an image file and exit (no "
                         "window); with --size, --theme and --content")
    diagram.add_argument("--rival", action="store_true",
                         help="with --mechanism-diagram: the rival model's variant, where the step has one")
    quiz = p.add_argument_group("quiz")
    quiz.add_argument("--quiz", action="store_true", help="open the window in quiz mode")
    quiz.add_argument("--check-quiz", metavar="FILE", default=None,
                      help="check a quiz file against the content (with --content: a lecturer's), print the number "
                      "of questions and exit: 0 if it is valid, 1 if not")
    p.add_argument("--content", default=None, metavar="PACK",
                   help="a lecturer's content pack: a folder or a .zip of region texts, tours, quizzes and glossary "
                   "words; what it lacks comes from the built-in content")
    p.add_argument("--new-pack", default=None, metavar="DIR",
                   help="write a small, commented example content pack into DIR (new or empty) and exit")
    gl = p.add_argument_group("graphics")
    gl.add_argument("--software-gl", action="store_true",
                    help="render with software OpenGL (Mesa llvmpipe): slower, but works over remote desktop and "
                    "with old graphics drivers")
    gl.add_argument("--check-graphics", action="store_true",
                    help="check that OpenGL can show the 3D view (renders one frame in a child process), then exit")
    dl = p.add_argument_group("atlas download")
    dl.add_argument("--download-harvard-oxford", action="store_true",
                    help="download the Harvard-Oxford atlas through nilearn (needs a network) and exit")
    check = p.add_argument_group("classroom check")
    check.add_argument("--self-test", action="store_true",
                       help="open the window, load the default atlas, render, select each region, enter and leave "
                       "lecture mode, then exit 0 if all worked, 1 if not; prints a JSON report (always the default "
                       "atlas and the built-in content)")
    check.add_argument("--report", metavar="FILE", help="with --self-test: write the JSON report to FILE instead")
    it = p.add_argument_group("for IT staff")
    it.add_argument("--prefetch", metavar="DIR",
                    help="download every atlas that is not yet in DIR and build all their meshes there, then exit; "
                    "copy DIR to each computer and name it in BRAIN_EXPLORER_SHARED_DATA or the system file "
                    "shared-data.toml. With --atlas: only that atlas; with --atlas-dir: copy atlases from there "
                    "instead of downloading them. Exit code 3: only some atlases are ready")
    p.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    return p


def export_flag(args: argparse.Namespace) -> str | None:
    """The export the options ask for (``"movie"``, ``"handout"`` or ``"model"``), or None."""
    for kind, value in (("movie", args.movie), ("handout", args.handout), ("model", args.export_model)):
        if value is not None:
            return kind
    return None


def check_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse combinations of options that make no sense (``parser.error``: exit code 2)."""
    if args.report is not None and not args.self_test:
        parser.error("--report needs --self-test")
    if args.rival and args.mechanism_diagram is None:
        parser.error("--rival needs --mechanism-diagram")
    _check_export_args(parser, args)
    exports = args.movie is not None or args.handout is not None or args.export_model is not None
    if args.self_test and (args.screenshot is not None or args.list or args.check_graphics
                           or args.download_harvard_oxford or args.prefetch is not None
                           or args.mechanism_diagram is not None or exports):
        parser.error("--self-test cannot be combined with --screenshot, --mechanism-diagram, --list, "
                     "--check-graphics, --prefetch or a download")
    if args.mechanism_diagram is not None and args.screenshot is not None:
        parser.error("--mechanism-diagram cannot be combined with --screenshot")
    if args.check_quiz is not None and (args.quiz or args.self_test or args.screenshot is not None or args.list
                                        or args.check_graphics or args.download_harvard_oxford
                                        or args.prefetch is not None or args.mechanism_diagram is not None):
        parser.error("--check-quiz cannot be combined with --quiz, --self-test, --screenshot, --mechanism-diagram, "
                     "--list, --check-graphics, --prefetch or a download")
    if args.quiz and (args.self_test or args.screenshot is not None or args.list or args.check_graphics
                      or args.download_harvard_oxford or args.prefetch is not None
                      or args.mechanism_diagram is not None or exports):
        parser.error("--quiz opens the window: it cannot be combined with --self-test, --screenshot, "
                     "--mechanism-diagram, --list, --check-graphics, --prefetch or a download")


def _check_export_args(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Each export flag alone, its file's extension, and its options only with it."""
    outputs = [name for name, value in (("--screenshot", args.screenshot), ("--movie", args.movie),
                                        ("--handout", args.handout), ("--export-model", args.export_model),
                                        ("--mechanism-diagram", args.mechanism_diagram)) if value is not None]
    if len(outputs) > 1:
        parser.error(f"{outputs[0]} cannot be combined with {outputs[1]}: one export at a time")
    for flag, path, extensions in (("--movie", args.movie, MOVIE_EXTENSIONS),
                                   ("--handout", args.handout, HANDOUT_EXTENSIONS),
                                   ("--export-model", args.export_model, MODEL_EXTENSIONS)):
        if path is not None and Path(path).suffix.lower() not in extensions:
            parser.error(f"{flag} writes {' or '.join(extensions)} files, not {Path(path).name!r}")
    needs = {"--transparent": (args.transparent, ("--screenshot",)),
             "--labels": (args.labels, ("--screenshot", "--movie")),
             "--legend": (args.legend, ("--screenshot",)),
             "--caption": (args.caption is not None, ("--screenshot",)),
             "--inset": (args.inset, ("--screenshot",)),
             "--frames": (args.frames is not None, ("--movie",)),
             "--fps": (args.fps is not None, ("--movie",)),
             "--tour": (args.tour, ("--movie",)),
             "--axis": (args.axis is not None, ("--movie",)),
             "--paper": (args.paper is not None, ("--handout",)),
             "--level": (args.level is not None, ("--handout",))}
    for flag, (given, parents) in needs.items():
        if given and not set(parents) & set(outputs):
            parser.error(f"{flag} needs {' or '.join(parents)}")
    if args.tour and (args.frames is not None or args.axis is not None):
        parser.error("--tour sets the movie's length and camera: it cannot be combined with --frames or --axis")

"""Brain Region Explorer: start the app, or render a screenshot headlessly.

Run ``python main.py`` for the window, ``python main.py --help`` for options.
Only the standard library, the app's name and the child-process flags (two
small modules) are imported before the arguments are parsed, so ``--help``
and argument errors are instant.
"""

from __future__ import annotations

import argparse
import logging
import sys

from atlases.child_process_flags import BUILD_MESHES_FLAG, DOWNLOAD_FLAG, GL_PROBE_FLAG
from atlases.resources import LANGUAGES
from viewer import APP_NAME

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
#: --prefetch: some atlases are ready, others failed (e.g. a download, offline).
EXIT_PARTIAL = 3
#: --screenshot's image size when --size is not given.
SCREENSHOT_SIZE = (1920, 1080)


def _size(text: str) -> tuple[int, int]:
    from viewer.scene.tiled_render import MAX_SIDE, MIN_SIDE

    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise argparse.ArgumentTypeError(f"width and height must be between {MIN_SIDE} and {MAX_SIDE} pixels")
    return w, h


def build_parser() -> argparse.ArgumentParser:
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
                      help="image size (1920x1080 for --screenshot; the diagram's own aspect, 1600 pixels wide, "
                      "for --mechanism-diagram)")
    shot.add_argument("--region", default=None, help="region to emphasise")
    shot.add_argument("--view", default="lateral", help="named view (lateral, medial, anterior, ...)")
    cut = shot.add_mutually_exclusive_group()
    cut.add_argument("--cutaway", dest="cutaway", action="store_true", default=None,
                     help="cut the cortex away to uncover the hippocampus")
    cut.add_argument("--no-cutaway", dest="cutaway", action="store_false")
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


def _builtin_or(content, language: str | None):
    """``content`` (a lecturer's, from --content), else the built-in content in ``language`` (English by default)."""
    if content is not None:
        return content
    from atlases.resources import DEFAULT_LANGUAGE
    from atlases.teaching.content import load_content

    return load_content(language=language or DEFAULT_LANGUAGE)


def _list_names(content=None, language: str | None = None) -> None:
    """Print the atlases, the regions (with their names in the content's language), views and themes."""
    from atlases.sources.definitions import REGION_IDS
    from atlases.sources.registry import atlas_ids, atlas_status
    from viewer.scene.camera_views import VIEWS
    from viewer.scene.themes import themes

    print("Atlases:")
    for atlas_id in atlas_ids():
        status = atlas_status(atlas_id)
        state = "available" if status.available else "not downloaded"
        print(f"  {atlas_id:20s} {status.definition.name} [{state}]")
    content = _builtin_or(content, language)
    print("Regions:")
    for region_id in REGION_IDS:
        print(f"  {region_id:20s} {content.region(region_id).name}")
    print("Views:  ", ", ".join(VIEWS))
    print("Themes: ", ", ".join(themes()))


def _check_names(args) -> None:
    """Fail fast on unknown names, before any heavy import."""
    from atlases.errors import UnknownNameError
    from atlases.sources.definitions import REGION_IDS
    from atlases.sources.registry import get_definition
    from viewer.scene.camera_views import get_view
    from viewer.scene.themes import get_theme

    if args.atlas is not None:
        get_definition(args.atlas)
    if args.region is not None and args.region not in REGION_IDS:
        raise UnknownNameError("region", args.region, REGION_IDS)
    get_view(args.view)
    if args.theme is not None:
        get_theme(args.theme)


def _check_graphics() -> int:
    from viewer.runtime.gl_probe import probe_opengl, software_gl_active

    result = probe_opengl()
    mode = "software" if software_gl_active() else "hardware or default"
    if not result.ok:
        print(f"error: graphics check failed ({mode} OpenGL): {result.message}", file=sys.stderr)
        return EXIT_ERROR
    print(f"OpenGL is fine ({mode}): {result.renderer}; version {result.version}; "
          f"checked in {result.seconds:.1f} s")
    return EXIT_OK


def _prefetch(folder: str, atlas_id: str | None, copy_from: str | None) -> int:
    from atlases.meshes.prefetch import prefetch

    outcomes = prefetch(folder, atlas_id, copy_from)
    failed = [o for o in outcomes if not o.ok]
    for outcome in failed:
        print(f"error: {outcome.message}", file=sys.stderr)
    if not failed:
        print(f"Every atlas is ready in {folder}")
        return EXIT_OK
    if len(failed) == len(outcomes):
        return EXIT_ERROR
    print(f"Only some atlases are ready in {folder}: run --prefetch again where the download works", file=sys.stderr)
    return EXIT_PARTIAL


def _mechanism_diagram(args, content) -> int:
    from viewer.diagram.diagram_export import export_diagram

    step_id, path = args.mechanism_diagram
    out = export_diagram(step_id, path, size=args.size, theme_id=args.theme, content=_builtin_or(content, args.lang),
                         rival=args.rival)
    print(f"wrote {out}")
    return EXIT_OK


def _check_quiz(path: str, content) -> int:
    from atlases.teaching.content import load_content
    from atlases.teaching.quiz_files import load_quiz

    quiz = load_quiz(path, content if content is not None else load_content())
    print(f"ok: {len(quiz)} questions")
    return EXIT_OK


def _new_pack(folder: str) -> int:
    """Write the example content pack (:mod:`atlases.teaching.example_pack`); exit 2 when ``folder`` is in use."""
    from atlases.errors import ContentError
    from atlases.teaching.example_pack import write_example_pack

    try:
        written = write_example_pack(folder)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    print(f"wrote an example content pack ({len(written)} files) in {folder}; open it with: "
          f"python main.py --content {folder}")
    return EXIT_OK


def _one_line(exc: OSError) -> str:
    """``'<file>: <reason>'`` for an OSError, without Python's ``[Errno N]`` noise."""
    where = f"{exc.filename}: " if exc.filename else ""
    return f"{where}{exc.strerror or exc}"


def _unexpected(exc: Exception, verbose: bool) -> int:
    """An error nobody anticipated: full traceback to the log (and stderr with -v), one line otherwise."""
    import traceback

    from viewer.runtime.crash_log import summary, write_log

    path = write_log(type(exc), exc, exc.__traceback__, "main.py")
    if verbose:
        traceback.print_exception(exc)
    where = f"; details in {path}" if path else ""
    print(f"error: unexpected problem ({summary(type(exc), exc)}){where}", file=sys.stderr)
    return EXIT_ERROR


def run(argv=None) -> int:
    """Parse arguments and run; returns the process exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    from viewer.runtime.frozen import prepare_frozen_environment

    prepare_frozen_environment()  # a bundle's matplotlib config folder, before anything imports matplotlib
    from viewer.runtime.heap_tuning import limit_heap_fragmentation

    limit_heap_fragmentation()  # before Qt, VTK and OpenGL allocate anything large
    # a packaged app runs itself with one of these flags to be one of its own child processes;
    # the module that does the child's work is imported only then
    if argv[:1] == [GL_PROBE_FLAG]:
        from viewer.runtime.gl_probe import child_main

        return child_main()
    if argv[:1] == [DOWNLOAD_FLAG]:
        from atlases.sources.harvard_oxford_download import child_main as download_main

        download_main(argv[1:])  # ends the process
    if argv[:1] == [BUILD_MESHES_FLAG]:
        from atlases.meshes.mesh_builder import run_and_exit

        run_and_exit(argv[1:])  # ends the process
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.report is not None and not args.self_test:
        parser.error("--report needs --self-test")
    if args.rival and args.mechanism_diagram is None:
        parser.error("--rival needs --mechanism-diagram")
    if args.self_test and (args.screenshot is not None or args.list or args.check_graphics
                           or args.download_harvard_oxford or args.prefetch is not None
                           or args.mechanism_diagram is not None):
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
                      or args.mechanism_diagram is not None):
        parser.error("--quiz opens the window: it cannot be combined with --self-test, --screenshot, "
                     "--mechanism-diagram, --list, --check-graphics, --prefetch or a download")
    if args.new_pack is not None:
        if len(argv) > 2:
            parser.error("--new-pack cannot be combined with other options")
        return _new_pack(args.new_pack)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    logging.captureWarnings(True)  # library warnings (nilearn's, nibabel's) only with -v: one line per error
    logging.getLogger("py.warnings").setLevel(logging.WARNING if args.verbose else logging.ERROR)
    if args.software_gl:  # before anything creates an OpenGL context, here or in a child
        from viewer.runtime.gl_probe import use_software_gl

        use_software_gl()
    from atlases.errors import ExplorerError

    gui = not (args.list or args.download_harvard_oxford or args.screenshot is not None or args.check_graphics
               or args.prefetch is not None or args.mechanism_diagram is not None or args.check_quiz is not None)
    if gui:  # before the heavy imports; the window resumes it after its first frame
        from viewer.runtime.startup_gc import pause_collection

        pause_collection()
    try:
        if args.screenshot is not None:  # the output path before anything is loaded or rendered
            from viewer.scene.image_output import check_output_path

            check_output_path(args.screenshot)
        if args.mechanism_diagram is not None:  # the same for the diagram's image
            from viewer.scene.image_output import check_output_path

            check_output_path(args.mechanism_diagram[1])
        if args.report is not None:  # the same for the self-test's report
            from viewer.self_test import check_report_path

            check_report_path(args.report)
        content = None
        if args.content is not None and not gui:  # the window falls back to the built-in content instead
            from atlases.resources import DEFAULT_LANGUAGE
            from atlases.teaching.content_pack import load_pack
            from viewer.scene.camera_views import VIEWS

            content = load_pack(args.content, args.lang or DEFAULT_LANGUAGE, VIEWS).content
        if args.check_quiz is not None:
            return _check_quiz(args.check_quiz, content)
        if args.mechanism_diagram is not None:
            return _mechanism_diagram(args, content)
        if args.check_graphics:
            return _check_graphics()
        if args.list:
            _list_names(content, args.lang)
            return EXIT_OK
        _check_names(args)
        if args.download_harvard_oxford:
            from atlases.sources.harvard_oxford_download import download_harvard_oxford

            path = download_harvard_oxford(args.atlas_dir)
            print(f"Harvard-Oxford atlas saved in {path}")
            return EXIT_OK
        if args.prefetch is not None:
            return _prefetch(args.prefetch, args.atlas, args.atlas_dir)
        if args.screenshot is not None:
            from atlases.sources.registry import DEFAULT_ATLAS
            from viewer.scene.headless import render_screenshot
            from viewer.scene.themes import DEFAULT_THEME

            out = render_screenshot(args.screenshot, size=args.size or SCREENSHOT_SIZE,
                                    atlas_id=args.atlas or DEFAULT_ATLAS, region=args.region, view=args.view,
                                    theme=args.theme or DEFAULT_THEME, data_dir=args.atlas_dir, cutaway=args.cutaway)
            print(f"wrote {out}")
            return EXIT_OK
        if args.self_test:
            from viewer.self_test import run_self_test

            return run_self_test(args.atlas_dir, args.report)
        from viewer.app import run_app

        return run_app(args)
    except ExplorerError as exc:
        from viewer.scene.image_output import UnsupportedFormatError

        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE if isinstance(exc, (KeyError, UnsupportedFormatError)) else EXIT_ERROR
    except OSError as exc:  # e.g. a screenshot path below a file, a full disk
        print(f"error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: never a bare traceback
        return _unexpected(exc, args.verbose)


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()

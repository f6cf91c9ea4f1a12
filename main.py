"""Brain Region Explorer: start the app, or export images, movies, handouts and 3D models headlessly.

Run ``python main.py`` for the window, ``python main.py --help`` for options.
Only the standard library, the options (:mod:`viewer.command_line`) and the
child-process flags (small modules) are imported before the arguments are
parsed, so ``--help`` and argument errors are instant.
"""

from __future__ import annotations

import logging
import sys

from atlases.child_process_flags import BUILD_MESHES_FLAG, DOWNLOAD_FLAG, EXPORT_FLAG, GL_PROBE_FLAG
from viewer.command_line import build_parser, check_args, export_flag

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
#: --prefetch: some atlases are ready, others failed (e.g. a download, offline).
EXIT_PARTIAL = 3
#: --screenshot's image size when --size is not given.
SCREENSHOT_SIZE = (1920, 1080)


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


def _overlays(args) -> bool:
    """A screenshot with more than the scene: the image export's overlays or transparency."""
    return args.transparent or args.labels or args.legend or args.caption is not None or args.inset


def _export(args, content) -> int:
    """--movie, --handout, --export-model, or --screenshot with overlays: the window's export job, run here."""
    from viewer.exports.jobs import done_line, job_from_args, run_job

    job, model = job_from_args(args, content)
    path, count = run_job(job, model=model)
    print(done_line(job, path, count))
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
    if argv[:1] == [EXPORT_FLAG]:
        from viewer.exports.jobs import child_main as export_main

        return export_main(argv[1:])
    parser = build_parser()
    args = parser.parse_args(argv)
    check_args(parser, args)
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
               or args.prefetch is not None or args.mechanism_diagram is not None or args.check_quiz is not None
               or export_flag(args) is not None)
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
        if export_flag(args) is not None or (args.screenshot is not None and _overlays(args)):
            return _export(args, content)
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

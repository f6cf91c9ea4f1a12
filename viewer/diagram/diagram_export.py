"""Writing one step of the mechanism diagram to an image file.

Shared by ``main.py --mechanism-diagram STEP_ID OUT.png`` and the window's
File ▸ Export mechanism diagram…. The image output rules are those of the
3D view's export (:mod:`viewer.scene.image_output`): the path is checked
before anything is drawn, a blank image is never written, and the file
appears whole or not at all. Drawing needs only a ``QGuiApplication``
(the offscreen platform when there is no window), never VTK.
"""

from __future__ import annotations

from pathlib import Path

#: The longer side of an export when no size is given; the other follows the canvas's aspect.
DEFAULT_LONG_SIDE = 1600


def default_size(canvas: tuple[float, float], long_side: int = DEFAULT_LONG_SIDE) -> tuple[int, int]:
    """An image size with the canvas's aspect and ``long_side`` pixels on its longer side."""
    w, h = canvas
    if w >= h:
        return long_side, max(1, round(long_side * h / w))
    return max(1, round(long_side * w / h)), long_side


def ensure_gui_application():
    """The running ``QGuiApplication``, or a new one on the offscreen platform (no window needed)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["brain-region-explorer", "-platform", "offscreen"])
    return app


def image_pixels(image):
    """A ``QImage`` as a (height, width, 3) uint8 array, top row first."""
    import numpy as np
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    w, h, stride = rgb.width(), rgb.height(), rgb.bytesPerLine()
    data = np.frombuffer(rgb.constBits(), np.uint8, count=stride * h).reshape(h, stride)
    return data[:, :w * 3].reshape(h, w, 3).copy()


def export_diagram(step_id: str, path: str | Path, size: tuple[int, int] | None = None,
                   theme_id: str | None = None, content=None, rival: bool = False) -> Path:
    """Draw one step's diagram and write it to ``path``.

    Parameters
    ----------
    step_id : str
        A mechanism step id.
    path : str or Path
        The image file; its extension picks the format.
    size : tuple of int, optional
        (width, height) in pixels; :func:`default_size` of the canvas when omitted.
    theme_id : str, optional
        The colour theme; the default theme when omitted.
    content : Content, optional
        Gives the steps and the labels; the built-in content when omitted.
    rival : bool
        The rival model's variant, where the step has one.

    Returns
    -------
    Path
        The absolute path written.

    Raises
    ------
    UnknownNameError
        An unknown step or theme (the message lists the valid ones).
    ContentError
        A damaged diagram or labels file.
    OutputError
        The path cannot be written, or the image came out blank.
    """
    from atlases.teaching.mechanism_diagram import load_mechanism_diagram
    from viewer.diagram.diagram_painter import render_diagram
    from viewer.scene.image_output import check_output_path, write_image
    from viewer.scene.themes import DEFAULT_THEME, get_theme

    check_output_path(path)  # before anything is loaded or drawn
    theme = get_theme(theme_id or DEFAULT_THEME)
    if content is None:
        from atlases.teaching.content import load_content

        content = load_content()
    diagram = load_mechanism_diagram(content)
    frame = diagram.frame(step_id, rival)
    ensure_gui_application()
    image = render_diagram(diagram, frame, size or default_size(diagram.canvas), theme)
    return write_image(image_pixels(image), path)


def export_diagram_dialog(parent, content, step_id: str | None, theme_id: str, rival: bool = False) -> Path | None:
    """Ask where to save the diagram of ``step_id`` (the first step when None), then save it.

    ``rival`` saves the rival model's variant where the step has one.

    The window's File ▸ Export mechanism diagram…: the diagram in the
    window's theme, at the default size. The status bar (when ``parent`` has
    one) names the file written; a plain-text warning says why not.

    Returns
    -------
    Path or None
        The path written, or None (cancelled, or it failed).
    """
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from atlases.errors import ExplorerError
    from viewer.scene.image_output import FORMATS

    step = step_id or (content.mechanism.steps[0].id if content.mechanism.steps else "")
    patterns = " ".join(f"*{ext}" for ext in FORMATS)
    title = QCoreApplication.translate("DiagramExport", "Export mechanism diagram")
    path, _ = QFileDialog.getSaveFileName(parent, title, f"mechanism-{step}.png",
                                          QCoreApplication.translate("DiagramExport", "Images (%s)") % patterns)
    if not path:
        return None
    try:
        written = export_diagram(step, path, theme_id=theme_id, content=content, rival=rival)
    except ExplorerError as exc:
        box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("DiagramExport", "Diagram not saved"),
                          QCoreApplication.translate("DiagramExport", "The diagram was not saved:\n\n%s") % exc,
                          parent=parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the path and message are not markup
        box.exec()
        return None
    status = getattr(parent, "statusBar", None)
    if status is not None:
        status().showMessage(QCoreApplication.translate("DiagramExport", "Saved %s") % written, 5000)
    return written

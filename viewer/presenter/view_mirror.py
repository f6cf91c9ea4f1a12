"""A small live copy of the main 3D view, without a second OpenGL render.

A second ``QtInteractor`` would render the scene twice, and on a software
renderer (Mesa llvmpipe) every render costs tens of milliseconds of CPU. So
the presenter view shows the image the main view has already rendered: VTK
keeps the last finished frame in its display framebuffer (pyvistaqt blits
it from there into the widget), and :class:`ViewMirror` reads it back:

* only while the mirror is started (the presenter view is shown);
* only after a render (a render window ``EndEvent`` marks the copy stale);
* at most once every :data:`INTERVAL_MS` (a single-shot timer started by the
  first render after a copy), and once every :data:`MOVING_INTERVAL_MS` while
  the brain moves (a drag, a tour flight: :meth:`ViewMirror.set_moving`), so a
  drag costs at most one read-back a second; the last frame of a movement is
  always copied (the still frame that ends it is copied at once);
* scaled down in two steps: every n-th pixel (numpy, cheap), then a smooth
  scale to the label's size.

Reading the framebuffer makes the view's OpenGL context current through the
render window (pyvistaqt services ``MakeCurrent`` with the widget's own
context), outside the widget's paint: it never triggers a render.
"""

from __future__ import annotations

import logging

import numpy as np
from PySide6.QtCore import QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage

log = logging.getLogger(__name__)

#: The shortest time between two copies (ms): at most 4 copies a second.
INTERVAL_MS = 250
#: The same while the brain moves: the copy follows a drag at one frame a second (the main view keeps
#: the CPU for its own frames; measured numbers in the presenter's report).
MOVING_INTERVAL_MS = 1000
#: The largest copy (device pixels); a bigger target gets this.
MAX_SIZE = QSize(1920, 1200)


def downsample_step(source: int, target: int) -> int:
    """Keep every n-th pixel so that at least twice the target's pixels remain for the smooth scale."""
    return max(1, source // max(2 * target, 1))


def frame_to_image(pixels: np.ndarray, width: int, height: int, target: QSize) -> QImage:
    """An RGBA frame read from OpenGL (rows bottom-up) as a QImage that fits in ``target`` (alpha ignored).

    Parameters
    ----------
    pixels : ndarray
        ``width * height * 4`` bytes, the first row at the bottom.
    width, height : int
    target : QSize
        The size to fit in (the aspect ratio is kept).

    Returns
    -------
    QImage
        A copy that owns its pixels.
    """
    step = max(1, min(downsample_step(width, target.width()), downsample_step(height, target.height())))
    frame = np.ascontiguousarray(pixels.reshape(height, width, 4)[::-step, ::step])   # flipped and thinned at once
    h, w = frame.shape[:2]
    image = QImage(frame.data, w, h, 4 * w, QImage.Format.Format_RGBX8888).copy()
    return image.scaled(target, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)


class ViewMirror(QObject):
    """Throttled copies of a pyvistaqt view's rendered frames.

    Parameters
    ----------
    plotter : QtInteractor
        The main window's 3D view (its ``render_window`` is read, never rendered).
    interval_ms : int
        The shortest time between two copies.
    """

    #: A new copy (QImage, at most the target size).
    frameReady = Signal(QImage)

    def __init__(self, plotter, interval_ms: int = INTERVAL_MS, parent=None):
        super().__init__(parent)
        self.plotter = plotter
        self.interval_ms = int(interval_ms)
        self.target = QSize(320, 200)
        self.copies = 0   # how many frames were read back (for tests and measurements)
        self._stale = False
        self._observer: tuple | None = None
        self._timer = QTimer(self, singleShot=True, interval=int(interval_ms))
        self._timer.timeout.connect(self._copy)

    @property
    def active(self) -> bool:
        return self._observer is not None

    def set_target_size(self, size: QSize) -> None:
        """The size copies are scaled to (device pixels), bounded by :data:`MAX_SIZE`."""
        self.target = size.boundedTo(MAX_SIZE).expandedTo(QSize(16, 16))
        if self.active:
            self._rendered()

    def set_moving(self, moving: bool) -> None:
        """Copy less often while the brain moves; a movement's end copies its still frame soon."""
        self._timer.setInterval(max(MOVING_INTERVAL_MS, self.interval_ms) if moving else self.interval_ms)
        if not moving and self._timer.isActive():   # a pending copy waits no longer than the still interval
            self._timer.start()

    def start(self) -> None:
        """Follow the view's renders (and copy the frame it shows now)."""
        if self.active:
            return
        window = self._render_window()
        if window is None:
            return
        self._observer = (window, window.AddObserver("EndEvent", self._rendered))
        self._rendered()

    def stop(self) -> None:
        """No more copies (call when the presenter view hides or closes)."""
        self._timer.stop()
        if self._observer is not None:
            window, tag = self._observer
            self._observer = None
            window.RemoveObserver(tag)
        self._stale = False

    def _render_window(self):
        if self.plotter is None or getattr(self.plotter, "_closed", False):
            return None
        return getattr(self.plotter, "render_window", None)

    def _rendered(self, *_args) -> None:
        self._stale = True
        if not self._timer.isActive():
            self._timer.start()

    def _copy(self) -> None:
        if not self._stale or not self.active:
            return
        self._stale = False
        image = self.grab()
        if image is not None:
            self.copies += 1
            self.frameReady.emit(image)

    def grab(self) -> QImage | None:
        """The view's last rendered frame, scaled to the target size (None before the first frame)."""
        from vtkmodules.util.numpy_support import vtk_to_numpy
        from vtkmodules.vtkCommonCore import vtkUnsignedCharArray

        window = self._render_window()
        if window is None or not window.GetReadyForRendering() or window.GetDisplayFramebuffer() is None:
            return None
        width, height = window.GetSize()
        if width < 2 or height < 2:
            return None
        data = vtkUnsignedCharArray()
        # front (1): the display framebuffer; RGBA reads back faster than RGB (no repacking)
        if not window.GetRGBACharPixelData(0, 0, width - 1, height - 1, 1, data, 0):
            return None
        pixels = vtk_to_numpy(data)
        if pixels.size != width * height * 4:
            return None
        return frame_to_image(pixels, width, height, self.target)

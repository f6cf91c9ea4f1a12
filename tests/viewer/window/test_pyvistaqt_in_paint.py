"""Guard for the one private pyvistaqt attribute the app reads: ``QtInteractor._in_paint``.

``viewer/window/brain_view.py`` (``BrainView._on_vtk_render``) turns VTK's own
renders into paint requests and does the one real render inside the widget's
paint, which it recognises by ``plotter._in_paint``: pyvistaqt 0.13 sets it to
True around the render in ``paintGL`` (C++ ``QVTKOpenGLNativeWidget``'s
``InPaint``). pyvistaqt 0.11 and 0.12 have no such attribute, and a later
release may drop or rename it; the app would then never render a frame
(``getattr(..., False)`` hides the change). So pyproject.toml pins the tested
range, and this test fails loudly when an installed pyvistaqt no longer
behaves so.
"""

from __future__ import annotations

import inspect

import pytest

PIN = "pyvistaqt>=0.13,<0.14"
MISSING = "missing"


def _revisit(what: str) -> str:
    import pyvistaqt

    return (f"pyvistaqt {pyvistaqt.__version__}: {what}. viewer/window/brain_view.py (BrainView._on_vtk_render) "
            f"relies on QtInteractor._in_paint being True during paintGL's render only: revisit it and the pin "
            f"{PIN!r} in pyproject.toml")


@pytest.mark.gui
def test_qt_interactor_sets_in_paint_while_it_paints(qtbot):
    import pyvista
    from pyvistaqt import QtInteractor

    plotter = QtInteractor(auto_update=False)
    try:
        plotter.add_mesh(pyvista.Sphere())
        seen: list[tuple[object, bool]] = []  # (plotter._in_paint, called from paintGL)

        def record(*_):
            in_paint_gl = any(frame.function == "paintGL" for frame in inspect.stack(context=0))
            seen.append((plotter.__dict__.get("_in_paint", MISSING), in_paint_gl))

        iren = plotter.render_window.GetInteractor()
        iren.AddObserver("RenderEvent", record)
        assert plotter.__dict__.get("_in_paint", MISSING) is False, _revisit("QtInteractor has no _in_paint = False")

        plotter.resize(200, 160)
        plotter.show()
        qtbot.waitExposed(plotter)
        plotter.update()
        qtbot.waitUntil(lambda: any(in_gl for _, in_gl in seen), timeout=10_000)

        during_paint = [value for value, in_gl in seen if in_gl]
        assert during_paint and all(value is True for value in during_paint), \
            _revisit(f"paintGL rendered with _in_paint = {during_paint}")
        assert plotter.__dict__.get("_in_paint", MISSING) is False, _revisit("_in_paint stays set after the paint")

        seen.clear()
        iren.Render()  # a render of VTK's own (as rotating the camera makes): not a paint
        assert seen and all(value is False for value, in_gl in seen if not in_gl), \
            _revisit(f"a render outside paintGL saw _in_paint = {seen}")
    finally:
        plotter.close()

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtCore import Qt

pytestmark = pytest.mark.gui
CALLS = []


def _spy(cls, name):
    orig = getattr(cls, name)
    def wrapper(self, *a, **k):
        CALLS.append(f"{cls.__name__}.{name}")
        return orig(self, *a, **k)
    setattr(cls, name, wrapper)


def test_probe(make_window, qtbot, monkeypatch):
    import viewer.window.region_list as rl
    import viewer.window.glossary_page as gp
    import viewer.presenter.presenter_view as pv
    _spy(rl.RegionList, "_on_selection")
    _spy(rl.RegionList, "_sync_selection")
    _spy(gp.GlossaryPage, "_show_current") if hasattr(gp, "GlossaryPage") else None
    _spy(pv.PresenterView, "_show_status")
    w = make_window()
    w.state.select_region("hippocampus")
    QTest.keyClick(w, Qt.Key.Key_F5)
    qtbot.wait(500)
    CALLS.clear()
    w.close()
    print("after close", CALLS)
    CALLS.clear()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print("during delete", CALLS)
    assert False, CALLS

"""Selecting the hippocampus in the window cuts the cortex away, as ``--screenshot --region hippocampus`` does."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


def clipped(window) -> bool:
    scene = window.brain_view.scene
    planes = {a.GetMapper().GetNumberOfClippingPlanes() for a in scene._cortex.values()}
    assert len(planes) == 1
    return planes == {1}


def test_the_cutaway_follows_the_hippocampus_until_the_user_chooses(make_window):
    window = make_window()
    box = window.display_controls.cutaway
    window.region_list.setCurrentRow(window.region_list.row(window.region_list.item_for("hippocampus")))
    assert window.state.selected_region == "hippocampus"
    assert window.state.cutaway and box.isChecked() and clipped(window)
    window.state.select_region("prefrontal_cortex")   # the automatic cutaway goes with the selection
    assert not window.state.cutaway and not box.isChecked() and not clipped(window)

    box.setChecked(True)     # the user's choice stays, whatever is selected
    window.state.select_region("prefrontal_cortex")
    window.state.clear_selection()
    assert window.state.cutaway and clipped(window)
    box.setChecked(False)
    window.state.select_region("hippocampus")
    assert not window.state.cutaway and not box.isChecked() and not clipped(window)

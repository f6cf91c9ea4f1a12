"""In a narrow view a label box pushed over the brain moves off its own anchor (lecture inset at 1024x768)."""

from __future__ import annotations

from viewer.scene.label_placement import place_labels


def _covers(box, point, pad=0.0) -> bool:
    x, y = point
    return box.left - pad <= x <= box.right + pad and box.bottom - pad <= y <= box.top + pad


def test_a_box_over_the_brain_does_not_hide_its_anchor():
    # a 490 px view with the brain from 20 to 470 px: no room beside it, boxes go over its edge
    anchors = {"prefrontal_cortex": (120.0, 300.0), "hippocampus": (250.0, 240.0),
               "posteromedial_cortex": (330.0, 350.0)}
    sizes = {rid: (160.0, 30.0) for rid in anchors}
    placed = place_labels(anchors, sizes, (490.0, 610.0), (20.0, 470.0), font_px=20.0)
    assert set(placed) == set(anchors)
    for rid, p in placed.items():
        assert not _covers(p.box, anchors[rid]), rid
        assert p.box.inside(490.0, 610.0)
    boxes = [p.box for p in placed.values()]
    assert not any(a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_a_box_beside_the_brain_stays_level_with_its_anchor():
    placed = place_labels({"hippocampus": (700.0, 300.0)}, {"hippocampus": (160.0, 30.0)}, (1600.0, 900.0),
                          (400.0, 1100.0), font_px=20.0)
    assert placed["hippocampus"].box.cy == 300.0

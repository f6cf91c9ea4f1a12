"""Every text/background pair the app draws, in every theme, has a WCAG 2.x contrast of 4.5:1 (7:1 projector).

The pairs are listed one by one below, with the colours the drawing code
itself computes (palette, style sheet, panel HTML, caption band, 3D labels,
mechanism diagram, quiz feedback). Disabled controls are left out: WCAG exempts
inactive controls, and the app never shows readable text only in the disabled colour.
"""

from __future__ import annotations

import pytest

from viewer.diagram.diagram_style import diagram_palette
from viewer.lecture.caption_band import band_colors
from viewer.scene.contrast import (
    MIN_TEXT_CONTRAST,
    PROJECTOR_TEXT_CONTRAST,
    contrast_ratio,
    min_text_contrast,
    relative_luminance,
)
from viewer.scene.region_labels import LabelStyle
from viewer.scene.themes import is_dark, mix, themes
from viewer.text.html_style import html_style
from viewer.widgets.qt_theme import control_colors

#: Non-text contrast (WCAG 2.x 1.4.11): the focus outline against what is next to it.
MIN_FOCUS_CONTRAST = 3.0
#: The region labels' box fill is drawn at this opacity (viewer/scene/region_labels.py).
LABEL_FILL_OPACITY = 0.88


def _over(color: str, behind: str, opacity: float) -> str:
    """``color`` drawn at ``opacity`` over ``behind``."""
    return mix(behind, color, opacity)


def text_pairs(theme) -> list[tuple[str, str, str]]:
    """(what, text colour, background colour) of every text the app draws in ``theme``."""
    pairs = []
    controls = control_colors(theme)
    for fill in ("background", "base", "button", "hover", "pressed"):
        pairs.append((f"control text on {fill}", controls["text"], controls[fill]))
    pairs.append(("checked button / selected row text", controls["checked_text"], controls["checked"]))
    pairs.append(("a field's placeholder text", controls["placeholder"], controls["base"]))
    pairs.append(("tooltip", theme.background, theme.text))   # the palette's tooltip: inverted colours

    style = html_style(theme)
    for on in ("background", "highlight", "warning_bg"):
        back = getattr(style, on)
        for name in ("text", "muted", "link", "right", "wrong"):
            pairs.append((f"panel {name} on {on}", getattr(style, name), back))
        for region_id, color in style.regions.items():
            pairs.append((f"panel {region_id} name on {on}", color, back))
    pairs.append(("mechanism: the current step's number on its link-coloured cell", style.background, style.link))
    for key, (ink, badge) in style.evidence.items():
        pairs.append((f"evidence badge {key}", ink, badge))

    for lecture in (False, True):
        background, secondary = band_colors(theme, lecture)
        pairs.append((f"caption text (lecture={lecture})", theme.text, background))
        pairs.append((f"caption indicator and citations (lecture={lecture})", secondary, background))

    label = LabelStyle.for_theme(theme, 14)
    for behind_name, behind in [("background", theme.background), ("cortex", theme.cortex),
                                *theme.regions.items()]:
        pairs.append((f"3D label on its box over {behind_name}", label.text,
                      _over(label.fill, behind, LABEL_FILL_OPACITY)))
    for region_id, fill in theme.regions.items():   # the emphasised region's box: filled with its colour
        pairs.append((f"3D label of the emphasised {region_id}", "#FFFFFF" if is_dark(fill) else "#000000", fill))

    diagram = diagram_palette(theme)
    # a label's plate (the background at 82 %) over the background, the halo (yellow at 60 %) or a solid mark
    halo = _over(diagram.halo, diagram.background, 0.6)
    for under_name, under in [("background", diagram.background), ("halo", halo), *diagram.roles.items()]:
        plate = _over(diagram.background, under, 0.82)
        pairs.append((f"diagram label on its plate over {under_name}", diagram.text, plate))
        pairs.append((f"diagram dimmed label on its plate over {under_name}", diagram.muted_text(), plate))
    pairs += [
        ("diagram species badge", diagram.text, mix(diagram.text, diagram.background, 0.9)),
        ("diagram rival badge", diagram.background, diagram.text),
        ("diagram change label", diagram.text, mix(diagram.text, diagram.background, 0.88)),
    ]
    return pairs


def test_relative_luminance_and_contrast_follow_wcag():
    assert relative_luminance("#000000") == 0.0
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)   # the classic near-miss grey
    assert contrast_ratio("#0072B2", "#FFFFFF") == pytest.approx(5.19, abs=0.01)
    assert contrast_ratio("#123456", "#123456") == 1.0
    with pytest.raises(ValueError):
        relative_luminance("blue")


def test_projector_is_held_to_seven_to_one():
    assert min_text_contrast("projector") == PROJECTOR_TEXT_CONTRAST == 7.0
    assert min_text_contrast("light") == min_text_contrast("dark") == MIN_TEXT_CONTRAST == 4.5


def test_there_are_three_themes_and_every_pair_is_listed():
    assert set(themes()) == {"light", "dark", "projector"}
    assert len(text_pairs(themes()["light"])) > 60


@pytest.mark.parametrize("theme_id", ["light", "dark", "projector"])
def test_every_text_in_the_theme_is_readable(theme_id):
    theme = themes()[theme_id]
    target = min_text_contrast(theme_id)
    failing = [f"{what}: {fg} on {bg} is {contrast_ratio(fg, bg):.2f}:1"
               for what, fg, bg in text_pairs(theme) if contrast_ratio(fg, bg) < target]
    assert not failing, f"below {target}:1 in the {theme_id} theme:\n" + "\n".join(failing)


@pytest.mark.parametrize("theme_id", ["light", "dark", "projector"])
def test_focus_outline_stands_out(theme_id):
    controls = control_colors(themes()[theme_id])
    for fill in ("background", "base", "button", "hover", "checked"):
        ratio = contrast_ratio(controls["focus"], controls[fill])
        assert ratio >= MIN_FOCUS_CONTRAST, f"focus outline on {fill}: {ratio:.2f}:1"
    # the outline at rest is weaker than the focus outline, so focus is more than a colour change
    assert contrast_ratio(controls["frame"], controls["background"]) < \
        contrast_ratio(controls["focus"], controls["background"])

"""A lecturer's mechanism whose step ids the diagram does not draw: the app runs without the diagram."""

from __future__ import annotations

import dataclasses

from atlases.teaching.content import Mechanism
from viewer.diagram.diagram_widget import load_diagram_or_none

from helpers_content import sample_content


def test_a_mechanism_with_no_drawn_step_gives_no_diagram(caplog):
    content = sample_content()   # steps nmda_block, bdnf, synapses: only nmda_block has a drawing
    assert load_diagram_or_none(content).step_ids == ("nmda_block",)
    others = tuple(s for s in content.mechanism.steps if s.id != "nmda_block")
    without = dataclasses.replace(content, mechanism=Mechanism("t", "i", others))
    assert load_diagram_or_none(without) is None
    assert "none of the content's mechanism steps has a drawing" in caplog.text

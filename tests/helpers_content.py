"""A small, complete :class:`~atlases.teaching.content.Content` built in memory.

Used by the HTML and side-panel tests so they do not depend on the built-in
content folder being finished. Its texts include hostile markup (script and
image tags, a ``javascript:`` link) to check that everything is escaped.
"""

from __future__ import annotations

from pathlib import Path

from atlases.sources.definitions import REGION_IDS
from atlases.teaching.content import (
    SECTIONS,
    Content,
    Mechanism,
    MechanismStep,
    Paragraph,
    Reference,
    RegionContent,
    SafetyNote,
    load_content,
)

HOSTILE = '<script>alert(1)</script> <img src=http://x> <a href="javascript:alert(2)">x</a>'

_NAMES = {
    "prefrontal_cortex": ("Prefrontal cortex", "PFC"),
    "hippocampus": ("Hippocampus", "HPC"),
    "posteromedial_cortex": ("Posteromedial cortex", "PMC"),
}


def _refs() -> dict[str, Reference]:
    return {
        "li2010": Reference("li2010", "Li N, Lee B, Liu RJ, Banasr M, Dwyer JM, Iwata M, Li XY, Aghajanian G, "
                            "Duman RS", 2010, "mTOR-dependent synapse formation underlies the rapid "
                            "antidepressant effects of NMDA antagonists", "Science", "329:959-964",
                            "10.1126/science.1190287"),
        "autry2011": Reference("autry2011", "Autry AE, Adachi M, Nosyreva E", 2011,
                               "NMDA receptor blockade at rest triggers rapid behavioural antidepressant "
                               "responses", "Nature", "475:91-95", "10.1038/nature10130"),
        "duman2012": Reference("duman2012", "Duman RS & Aghajanian GK", 2012,
                               "Synaptic dysfunction in depression", "Science", "338:68-72"),
        "evil": Reference("evil", "Mallory <b>X</b>", 2020, HOSTILE, "J <i>Bad</i>", "", "10.1000/<x>"),
    }


def _region(rid: str) -> RegionContent:
    name, abbr = _NAMES[rid]
    sections = {
        "location": (Paragraph(f"The {name.lower()} lies **here**.", "established", ("duman2012",)),),
        "normal_role": (Paragraph("It does *many* things.", "human", ("li2010", "duman2012")),),
        "ketamine": (Paragraph(f"Ketamine acts here. {HOSTILE}", "animal", ("autry2011", "evil")),),
        "uncertain": (Paragraph("Much is still open.", "hypothesis", ("li2010",)),),
    }
    assert set(sections) == set(SECTIONS)
    return RegionContent(rid, name, abbr, f"The {name} summary.", sections, Path(f"regions/{rid}.toml"))


def sample_content() -> Content:
    """A content object with all three regions, a 3-step mechanism and a safety note."""
    steps = (
        MechanismStep("nmda_block", "Ketamine blocks NMDA receptors", "It blocks the channel.", "established",
                      ("li2010",), ("prefrontal_cortex",)),
        MechanismStep("bdnf", "BDNF is made", "Protein synthesis is released.", "animal", ("autry2011",),
                      ("hippocampus",)),
        MechanismStep("synapses", "Synapses grow", "Spines form within a day.", "animal", ("li2010",),
                      ("prefrontal_cortex", "hippocampus")),
    )
    return Content(
        folder=Path("."), regions={r: _region(r) for r in REGION_IDS}, references=_refs(),
        mechanism=Mechanism("How ketamine works", "A *cascade* of steps.", steps),
        safety=SafetyNote("Not a treatment guide", "Ketamine has **risks**.", ("duman2012",)),
    )


def builtin_content() -> Content | None:
    """The built-in content, or None while it is not complete/loadable."""
    try:
        return load_content()
    except Exception:  # noqa: BLE001 - the folder may be half-written by its authors
        return None

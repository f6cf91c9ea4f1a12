# ruff: noqa: E501 - the example files are TOML for lecturers: their long lines are the texts
"""The small, commented example pack that ``main.py --new-pack DIR`` writes for a lecturer to start from.

It holds a ``pack.toml``, one region text (the hippocampus), a two-step tour,
a three-question quiz and two glossary additions; everything else comes
from the built-in content (:mod:`atlases.teaching.content_pack`). Its facts
and references are the built-in content's own. Plain Python, no Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

from atlases.errors import ContentError

PACK_TOML = '''\
# A content pack: your own texts, tours, quizzes and glossary words for the Brain Region Explorer.
# Open it with File > Open content pack... (or: python main.py --content THIS_FOLDER).
# Edit any file in your own text editor and save: the app reloads the pack within a second.
# A file you do not ship comes from the built-in content; see "Content packs" in the README.

name = "Example pack: the hippocampus"   # shown in the window's title (one line, at most 100 characters)
author = "Your name"                      # optional (one line, at most 100 characters)
description = "A starting point: one region text, a short tour, a quiz and two glossary words."
# language = "en"                         # optional: the pack's language (en or es); the missing files
#                                         # then come from the built-in content in that language
'''

REGION_TOML = '''\
# regions/hippocampus.toml replaces the built-in text of the hippocampus.
# The other regions (prefrontal_cortex, posteromedial_cortex) keep their built-in texts.
# Every paragraph needs an evidence strength and at least one reference id: the built-in
# references (assets/content/references.toml) can be cited, and your own added in a
# references.toml of this pack ([references.<id>] authors, year, title, journal, citation, doi).
# Text may use **bold** and *italic*; nothing else is markup.

id = "hippocampus"                 # must match the file name
name = "Hippocampus"               # shown in the region list, the panel and the 3D labels
abbreviation = "HPC"
summary = "A curved structure deep in the temporal lobe that is needed to form new memories of events and places."
summary_intro = "The hippocampus helps you remember what happened and where."   # optional: the intro reading level
summary_refs = ["scoville1957", "squire1992"]

# Four sections, each a list of paragraphs: location, normal_role, ketamine, uncertain.
# evidence: established, human, animal, case, hypothesis, disputed or modelling.

[[location]]
text = "The hippocampus lies deep inside the medial temporal lobe, on each side of the brain."
evidence = "established"
refs = ["desikan2006"]

[[normal_role]]
text = "It is needed to form new *episodic* memories. After surgery removed much of both medial temporal lobes, the patient H.M. (Henry Molaison) could no longer form lasting memories of new events."
intro = "It helps you form new memories of events and places."   # optional: the intro reading level
evidence = "established"
refs = ["scoville1957", "squire1992"]

[[ketamine]]
text = "In mice, ketamine's antidepressant-like effect depended on a fast rise in BDNF synthesis in hippocampal neurons."
evidence = "animal"
refs = ["autry2011"]

[[uncertain]]
text = "Whether the same happens in the human hippocampus is **not known**."
evidence = "hypothesis"
refs = ["autry2011"]
'''

TOUR_TOML = '''\
# tours/hippocampus.toml: a guided tour (View > Start tour, or F5 for lecture mode).
# A tour of the same id as a built-in one replaces it.

id = "hippocampus_tour"
title = "The hippocampus in two steps"
description = "Where the hippocampus is, and what ketamine does there in mice."

[[steps]]
title = "Deep in the temporal lobe"
caption = "The hippocampus lies deep inside the medial temporal lobe: the cutaway reveals it."   # at most 300 characters
regions = ["hippocampus"]          # [] = the whole brain
view = "lateral"                   # lateral, lateral_right, medial, medial_right, anterior, posterior, superior, inferior
cortex_opacity = 0.3               # 0 to 1
cutaway = true
refs = ["desikan2006"]
notes = "Speaker notes: shown to you, not to the audience."   # optional

[[steps]]
title = "BDNF in mice"
caption = "In mice, ketamine's antidepressant-like effect depended on a fast rise in BDNF synthesis here."
regions = ["hippocampus"]
view = "medial"
cortex_opacity = 0.3
cutaway = true
mechanism_step = "bdnf_trkb"       # optional: a step of the mechanism, shown beside the brain in lecture mode
refs = ["autry2011"]
'''

QUIZ_TOML = '''\
# quizzes/hippocampus.toml: a quiz (Quiz > Quiz...). Check it with:
#   python main.py --check-quiz quizzes/hippocampus.toml --content THIS_FOLDER

id = "hippocampus_quiz"
title = "The hippocampus"

[[questions]]
kind = "pick_region"               # click the region in the 3D view
prompt = "Click the hippocampus."
region = "hippocampus"
why = "The hippocampus lies deep inside the medial temporal lobe; the cutaway shows it."
refs = ["desikan2006"]

[[questions]]
kind = "choice"                    # multiple choice: 2 to 6 answers
prompt = "In which animals was the fast rise in BDNF synthesis shown?"
choices = ["Mice", "Humans", "Monkeys"]
answer = "Mice"                    # the right one: its text, or its number counting from 1
why = "The experiments were done in mice; whether the same happens in people is not known."
refs = ["autry2011"]
region = "hippocampus"             # optional: where the camera flies with the feedback

[[questions]]
kind = "order"                     # put mechanism steps in order (listed here in any order)
prompt = "Put these steps of the leading model in order."
steps = ["bdnf_trkb", "nmda_block", "synaptogenesis"]
why = "Ketamine blocks NMDA receptors first; BDNF signalling follows, and new synapses form within a day."
refs = ["li2010", "autry2011"]
'''

GLOSSARY_TOML = '''\
# glossary.toml: words ADDED to the built-in glossary (a term with a built-in id replaces it).
# Each form is linked in the panel text, ignoring case; a definition is at most two sentences.

[[terms]]
id = "temporal_lobe"
term = "temporal lobe"
forms = ["temporal lobe", "temporal lobes"]
definition = "The part of each side of the brain that lies behind the temples. It holds the hippocampus."
refs = ["desikan2006"]

[[terms]]
id = "hm_patient"
term = "Henry Molaison (H.M.)"
forms = ["Henry Molaison"]
definition = "A patient who lost the ability to form lasting new memories after surgery removed much of both medial temporal lobes."
refs = ["scoville1957"]
'''

#: Each file of the example pack, by its path inside the pack.
FILES = {
    "pack.toml": PACK_TOML,
    "regions/hippocampus.toml": REGION_TOML,
    "tours/hippocampus.toml": TOUR_TOML,
    "quizzes/hippocampus.toml": QUIZ_TOML,
    "glossary.toml": GLOSSARY_TOML,
}


def write_example_pack(folder: str | Path) -> list[Path]:
    """Write the example pack into ``folder`` (created if missing; it must be empty).

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    ContentError
        When ``folder`` is a file, or a folder that is not empty (nothing is overwritten).
    OSError
        When a file cannot be written.
    """
    folder = Path(folder)
    if not str(folder).strip():
        raise ContentError("no folder given (empty name)")
    if folder.exists() or folder.is_symlink():
        if not folder.is_dir():
            raise ContentError("is not a folder", folder)
        if any(folder.iterdir()):
            raise ContentError("is not empty; give a new or empty folder (nothing is overwritten)", folder)
    written = []
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        written.append(path)
    return written

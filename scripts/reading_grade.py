"""Print the reading grade of the two reading levels of the teaching content.

Usage: ``python scripts/reading_grade.py [CONTENT_FOLDER]`` (the built-in
content by default). For each level (intro, advanced) it joins every region
summary and paragraph, the mechanism's introduction and every step at that
level, and prints the Flesch-Kincaid grade (a US school grade), the Flesch
reading ease, the mean sentence length and the mean syllables per word; then
the same per region and for the mechanism.

Syllables are counted here (vowel groups, less a silent final "e"), not by
textstat: textstat 0.7.13 looks words up in NLTK's CMU dictionary, which it
downloads on first use, and this machine (like a lecturer's laptop in a
classroom) may have no network. The count is the usual heuristic; it is
within about one syllable per long word, which is enough to compare the levels.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from atlases.teaching.content import READING_LEVELS, Content, load_content

_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|\d+(?:[.,]\d+)*")
# a sentence ends at . ! ? or : followed by a space and a capital, or at the end of a paragraph
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+[\"'(*]*[A-Z0-9])|[.!?]+\s*$")
_VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    """Syllables in one word, by the vowel-group rule (at least 1; a number counts 1 per digit group)."""
    w = word.lower().replace("’", "'").split("'")[0]
    if not w.isalpha():
        return 1
    count = len(_VOWELS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1   # silent e: "make", "state"
    if w.endswith(("ed", "es")) and count > 1 and not w.endswith(("ted", "ded", "ses", "ces", "zes", "ges")):
        count -= 1   # "formed", "takes"
    return max(count, 1)


def texts_at(content: Content, level: str) -> dict[str, list[str]]:
    """The texts at ``level``, by part (each region id, and "mechanism")."""
    parts = {}
    for region in content.regions.values():
        parts[region.id] = [region.summary_at(level)] + [p.text_at(level) for paras in region.sections.values()
                                                         for p in paras]
    mech = content.mechanism
    parts["mechanism"] = [mech.intro_at(level)] + [s.text_at(level) for s in mech.steps]
    return parts


def measures(texts: list[str]) -> dict[str, float]:
    """Flesch-Kincaid grade, Flesch reading ease, words per sentence and syllables per word of ``texts``."""
    words, sentences, sylls = 0, 0, 0
    for text in texts:
        text = text.replace("**", "").replace("*", "").strip()
        found = _WORD.findall(text)
        words += len(found)
        sylls += sum(syllables(w) for w in found)
        sentences += max(len(_SENTENCE_END.findall(text)), 1)
    wps, spw = words / max(sentences, 1), sylls / max(words, 1)
    return {"grade": 0.39 * wps + 11.8 * spw - 15.59, "ease": 206.835 - 1.015 * wps - 84.6 * spw,
            "words_per_sentence": wps, "syllables_per_word": spw, "words": words}


def _line(name: str, texts: list[str]) -> str:
    m = measures(texts)
    return (f"{name:<24} grade {m['grade']:5.1f}   ease {m['ease']:5.1f}   words/sentence "
            f"{m['words_per_sentence']:4.1f}   syllables/word {m['syllables_per_word']:4.2f}   words {m['words']}")


def main(argv: list[str]) -> int:
    content = load_content(argv[1] if len(argv) > 1 else None)
    for level in READING_LEVELS:
        parts = texts_at(content, level)
        print(_line(f"{level}: all", [t for texts in parts.values() for t in texts]))
        for name, texts in parts.items():
            print(_line(f"  {name}", texts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

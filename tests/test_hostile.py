"""Messy input: every file ends up as a document, as a merged duplicate or as a reject with a reason."""
import csv
import io
import json
import os
import re

import pyarrow.parquet as pq
import pytest

from conftest import CORPUS, SEEDS, parse

from pipeline.defs.runner import run_build
from pipeline.sources import document_id

WEB = SEEDS / "000_1b7bb65b030c85c6.txt"
MARKDOWN = SEEDS / "001_69f09d0a6ffd43a7.txt"
OTHER_WEB = SEEDS / "web_pages" / "036_shtykov-feng-xi-stalin-1950-10-14.txt"
SCRAPER_CSV = CORPUS / "csv_export" / "wilson_scraper_export.csv"


def _csv_row_from(doc, header: list[str]) -> dict:
    """The same record as a community scraper would export it."""
    row = dict.fromkeys(header, "")
    row.update(document_url=doc.source_url or "", record_id=doc.record_id or "", title=doc.title, text_body=doc.body,
               original_publication_date=doc.date_text or "")
    return row


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A folder of hostile inputs, the build of it, and what each input name is expected to become."""
    base = tmp_path_factory.mktemp("hostile")
    inputs, outside = base / "in", base / "outside"
    inputs.mkdir()
    outside.mkdir()
    web = WEB.read_bytes()
    header = next(csv.reader(io.StringIO(SCRAPER_CSV.read_text(encoding="utf-8"))))
    files = {
        "empty.txt": b"",
        "binary.bin": bytes(range(256)) * 64,
        "windows-1252.txt": web.decode("utf-8").replace("’", "'").encode("cp1252", errors="replace")
        .replace(b"Beijing", b"Bei\xe9jing"),
        "bom.txt": b"\xef\xbb\xbf" + MARKDOWN.read_bytes(),
        "crlf.txt": MARKDOWN.read_bytes().replace(b"\n", b"\r\n"),
        "page.html": b"<!doctype html><html><head><title>Record</title></head><body><p>Telegram</p></body></html>",
        "cut-at-2000-bytes.txt": OTHER_WEB.read_bytes()[:2000],
        "huge.txt": b"Wilson Center Digital Archive\n" + b"x" * (50 * 2**20),
        "broken-quote.csv": (",".join(header) + '\n"https://x/1,"unterminated title\n').encode(),
        "missing-columns.csv": b"title,text_body\nA title,Some text of a record\n",
        "copy of the web page.txt": web,
        "odd name \u00e9\u4e2d \u2603 #1 [draft].txt": web.replace(b"telegram", b"Telegram", 1),
    }
    for name, data in files.items():
        (inputs / name).write_bytes(data)
    (inputs / "nested" / "deeper").mkdir(parents=True)
    (inputs / "nested" / "deeper" / "web.txt").write_bytes(web)
    (outside / "secret.txt").write_text("not for the pipeline")
    os.symlink(outside / "secret.txt", inputs / "link-outside.txt")
    os.symlink(outside, inputs / "linked-folder")
    undecodable = os.fsencode(str(inputs)) + b"/latin1-\xe9.txt"
    with open(undecodable, "wb") as f:
        f.write(MARKDOWN.read_bytes())
    # The same record in another format: a scraper CSV row made from the web page's record.
    (doc,) = parse(WEB)
    with open(inputs / "same-record.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerow(_csv_row_from(doc, header))

    root = base / "datasets"
    os.environ["PIPELINE_MAX_FILE_MB"] = "20"
    try:
        outcome = run_build(str(inputs), str(root), cache_dir=str(base / "cache"))
    finally:
        del os.environ["PIPELINE_MAX_FILE_MB"]
    assert outcome.success, outcome.report
    tables = {name: pq.read_table(root / outcome.version / f"{name}.parquet").to_pylist()
              for name in ("documents", "rejects")}
    names = sorted(n for n in os.listdir(inputs) if n != "nested") + ["nested/deeper/web.txt"]
    return inputs, root, outcome, tables, names


def _file(source_file: str) -> str:
    return re.sub(r"#row=\d+$", "", source_file)  # a CSV row names its file


def _where(tables, name):
    """('document' | 'duplicate' | reject reason) for an input path."""
    for doc in tables["documents"]:
        if _file(doc["source_file"]) == name:
            return "document"
        if any(_file(other) == name for other in doc["also_in"]):
            return "duplicate"
    reasons = {r["reason"] for r in tables["rejects"] if _file(r["source_file"]) == name}
    return reasons.pop() if len(reasons) == 1 else sorted(reasons) or None


def test_every_input_file_is_accounted_for(hostile):
    inputs, root, outcome, tables, names = hostile
    display = [n.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace") for n in names]
    assert all(_where(tables, name) for name in display), [n for n in display if not _where(tables, n)]
    manifest = json.loads((root / outcome.version / "manifest.json").read_text())
    assert {i["path"] for i in manifest["inputs"]} == set(display)


@pytest.mark.parametrize("name, expected", [
    ("empty.txt", "empty_file"),
    ("binary.bin", "binary_file"),
    ("page.html", "unrecognised_format"),
    ("huge.txt", "too_large"),
    ("link-outside.txt", "symlink_outside_input"),
    ("linked-folder", "symlink_outside_input"),
    ("missing-columns.csv", "unrecognised_format"),
])
def test_unusable_inputs_are_rejected_with_a_reason(hostile, name, expected):
    _, _, _, tables, _ = hostile
    assert _where(tables, name) == expected
    reject = next(r for r in tables["rejects"] if r["source_file"] == name)
    assert reject["detail"]


def test_the_broken_csv_is_rejected_or_read_never_lost(hostile):
    _, _, _, tables, _ = hostile
    assert _where(tables, "broken-quote.csv") == "parse_error"
    reject = next(r for r in tables["rejects"] if r["source_file"] == "broken-quote.csv")
    assert reject["detail"].startswith("scraper_csv:") and '"' in reject["detail"]  # the csv module's words


def test_repairable_inputs_become_documents_with_warnings(hostile):
    _, _, _, tables, _ = hostile
    docs = {d["source_file"]: d for d in tables["documents"]}
    ansi = docs["windows-1252.txt"]
    assert any("Windows-1252" in w for w in ansi["warnings"]) and "Beiéjing" in ansi["body"]
    cut = docs["cut-at-2000-bytes.txt"]
    assert cut["is_partial"] and cut["warnings"]
    markdown_doc = next(d for d in tables["documents"] if d["record_id"] and d["source_format"] == "markdown_export")
    readings = {markdown_doc["source_file"], *markdown_doc["also_in"]}
    # The BOM, CRLF and undecodable-name copies of the markdown export are one record.
    assert {"bom.txt", "crlf.txt", "latin1-\\xe9.txt"} <= readings
    assert "\ufeff" not in markdown_doc["body"] and "\r" not in markdown_doc["body"]


def test_the_same_record_in_two_files_and_two_formats_is_one_document(hostile):
    _, _, _, tables, _ = hostile
    [row] = [d for d in tables["documents"] if d["document_id"] == document_id(parse(WEB)[0])]
    readings = {row["source_file"], *row["also_in"]}
    assert {"copy of the web page.txt", "nested/deeper/web.txt", "same-record.csv#row=1",
            "odd name \u00e9\u4e2d \u2603 #1 [draft].txt"} <= readings
    assert row["source_format"] == "web_page"  # the reading with the most metadata is kept


def test_field_limit_rejects_an_oversize_field(tmp_path):
    from pipeline.corpus import discover, process_corpus
    from pipeline.model import Limits

    (tmp_path / "web.txt").write_bytes(WEB.read_bytes())
    [result] = process_corpus(discover(tmp_path), limits=Limits(max_field_chars=1000)).files
    assert result.documents == 0 and result.rejects[0].reason == "field_too_large"
    assert "body has" in result.rejects[0].detail and "1,000" in result.rejects[0].detail

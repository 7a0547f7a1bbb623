"""Parsers per format, on the real archive files."""
import datetime as dt

from conftest import CORPUS, SEEDS, extract, parse
from pipeline.model import Reject

WEB_SEED = SEEDS / "000_1b7bb65b030c85c6.txt"
MARKDOWN_SEED = SEEDS / "001_69f09d0a6ffd43a7.txt"


def only_document(path):
    records = parse(path)
    assert len(records) == 1 and not isinstance(records[0], Reject), records
    return records[0]


def test_web_page_seed_metadata():
    [ex] = extract(WEB_SEED)
    doc = ex.document
    assert doc["source_format"] == "web_page"
    assert doc["date"] == dt.date(1986, 12, 15) and doc["date_precision"] == "day"
    assert "On the Relations between China and the Socialist Countries in 1986" in doc["title"]
    assert doc["archive"] == "Historical Archives of the Hungarian State Security (ÁBTL)"
    assert "S-II/2/86/4" in doc["archive_reference"]
    assert doc["translated_by"] == "Katalin Varga" and doc["obtained_by"] == "Péter Vámos"
    assert doc["document_type"] == "telegram" and doc["author"] == "Jász" and doc["place"] == "Beijing"
    assert doc["classification"] == "Strictly confidential"
    assert doc["funders"] == ["MacArthur Foundation", "Leon Levy Foundation"]
    assert doc["summary"].startswith("A Hungarian report") and not doc["is_partial"]


def test_web_page_body_has_no_furniture():
    [ex] = extract(WEB_SEED)
    body = ex.document["body"]
    for furniture in ("Skip to content", "Document Information", "welcomes reuse", "made possible with support",
                      "Record ID", "A Hungarian report on China"):
        assert furniture not in body
    assert body.startswith("Place of mission: Beijing") and body.endswith("-352- Jász")
    assert "\r" not in body and "\n\n\n" not in body


def test_markdown_seed_metadata():
    [ex] = extract(MARKDOWN_SEED)
    doc = ex.document
    assert doc["source_format"] == "markdown_export"
    assert doc["document_id"] == doc["record_id"] == "119292"
    assert doc["date"] == dt.date(1989, 8, 22)
    assert doc["title"] == "Note by Vladimir Lukin regarding Soviet-Chinese Relations"
    assert doc["archive"] == "GARF" and doc["archive_reference"].startswith("fond 10026")
    assert doc["translated_by"] == doc["obtained_by"] == "Sergey Radchenko"
    assert doc["original_language"] == "Russian" and doc["author"] == "Vladimir Lukin"
    assert doc["source_url"].endswith("/document/119292")
    # The page break inside 'the current Chinese / situation' is mended; markdown syntax is gone.
    assert "current Chinese situation rests" in doc["body"] and "**" not in doc["body"]
    assert doc["body"].startswith("The events of recent months")


def test_pdf_export_with_page_layout():
    doc = only_document(CORPUS / "pdf_export_text/002_petrov-mao-zhou-1945-10-10.txt")
    assert doc.source_format == "pdf_export_text" and doc.record_id == "122809"
    assert doc.title == ("Record of Conversation between Soviet Ambassador in China Apollon Petrov and Mao Zedong, "
                         "Zhou Enlai and Wang Ruofei")
    assert doc.archive == "AVPRF" and doc.archive_reference.endswith("listy 39-44")
    assert doc.translated_by == "Sergey Radchenko" and doc.original_language == "Russian"
    assert doc.document_type == "record of conversation"
    # Lines wrapped by the page are joined; a hyphen at a line end keeps the word whole.
    assert "I invited him to dinner. Zhou Enlai and Wang Ruofei were also invited" in doc.body
    assert "Chiang Kai-shek [Jiang Jieshi]" in doc.body and "Digital Archive" not in doc.body


def test_pdf_export_flattened_to_one_line():
    doc = only_document(CORPUS / "pdf_export_text/001_petrov-zhou-wang-1945-10-05.txt")
    assert doc.record_id == "122808" and doc.date_text == "October 05, 1945"
    assert doc.summary.startswith("They discuss the results") and doc.original_language == "Russian"
    assert doc.body.startswith("Record of conversation between") and "Contents:" not in doc.body
    assert "Chiang Kai-shek's behavior" in doc.body  # 'Kai- shek' left by the flattening is mended
    assert not doc.is_partial


def test_pdf_export_cut_off_and_garbled_end():
    cut = only_document(CORPUS / "pdf_export_text/005_mikoyan-mao-1949-01-31.txt")
    assert cut.is_partial and any("cut off" in w for w in cut.warnings)
    garbled = only_document(CORPUS / "pdf_export_text/017_report-kovalev-stalin-1949-12-24.txt")
    assert garbled.body.endswith("between China and the Soviet Union") and not garbled.is_partial


def test_staging_web_page_with_label_only_metadata_cut_off():
    doc = only_document(CORPUS / "web_pages/036_shtykov-feng-xi-stalin-1950-10-14.txt")
    assert doc.title == "Ciphered Telegram, Shtykov to Feng Xi (Stalin)" and doc.document_type == "telegram"
    assert doc.archive == "APRF" and doc.archive_reference == "fond 45, opis 1, delo 335, list 3"
    assert doc.is_partial and doc.place == "Pyongyang"
    assert doc.summary.startswith("Shtykov describes") and "Rights" not in doc.body


def test_pre_2023_web_page_layout():
    doc = only_document(CORPUS / "web_pages/044_hungarian-embassy-dprk-report-1955-02-26.txt")
    assert doc.title == "Report, Embassy of Hungary in North Korea to the Hungarian Foreign Ministry"
    assert doc.record_id == "113395" and doc.archive == "MOL" and doc.translated_by == "Balazs Szalontai"
    assert doc.summary.startswith("Report from Pál Szarvas") and doc.is_partial
    assert doc.body.startswith("[…] Our Embassy") and "CITATION SHARE" not in doc.body


def test_scraper_csv_one_document_per_row():
    records = parse(CORPUS / "csv_export/wilson_scraper_export.csv", CORPUS)
    assert len(records) == 11 and not any(isinstance(r, Reject) for r in records)
    assert len({r.record_id for r in records}) == 11
    assert [r.source_file for r in records][:2] == ["csv_export/wilson_scraper_export.csv#row=1",
                                                   "csv_export/wilson_scraper_export.csv#row=2"]
    nehru = records[0]
    assert nehru.author == "Jawaharlal Nehru" and nehru.place == "New Delhi" and nehru.classification == "Secret"
    assert nehru.associated_places == ["India", "China", "Southeast Asia", "Pakistan"]
    sato = records[1]
    assert "Satō, Eisaku" in sato.associated_people_orgs  # JSON \u escapes decoded
    assert sato.funders == ["Chun & Jane Chiu Family Foundation"]
    assert sato.obtained_by == "Robert Hoppens" and sato.translated_by == "Stephen Mercado"
    month_only = next(r for r in records if r.date_text == "November 1967")
    [ex] = [e for e in extract_csv() if e.document["record_id"] == month_only.record_id]
    assert ex.document["date"] == dt.date(1967, 11, 1) and ex.document["date_precision"] == "month"


def extract_csv():
    return extract(CORPUS / "csv_export/wilson_scraper_export.csv")


def test_bad_scraper_rows_are_rejected_with_reason():
    records = parse(CORPUS / "bad/wilson_scraper_export_82fafe7.csv", CORPUS)
    assert len(records) == 10 and all(isinstance(r, Reject) for r in records)
    assert {r.reason for r in records} == {"empty_record"}
    assert all("no title, record id or body text" in r.detail for r in records)
    assert len({r.source_file for r in records}) == 10


def test_unrecognised_and_empty_inputs_are_rejected(tmp_path):
    (tmp_path / "notes.txt").write_text("just some words\nnothing archival\n")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "image.bin").write_bytes(b"\x89PNG\x00\x00\x01")
    reasons = {p.name: parse(p)[0].reason for p in sorted(tmp_path.iterdir())}
    assert reasons == {"empty.txt": "empty_file", "image.bin": "binary_file", "notes.txt": "unrecognised_format"}


def test_format_is_detected_from_content_not_name(tmp_path):
    renamed = tmp_path / "record.csv"
    renamed.write_bytes(MARKDOWN_SEED.read_bytes())
    assert only_document(renamed).source_format == "markdown_export"

"""Property-based tests: on arbitrary input no parser or extractor raises, and every span equals its text."""
import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.corpus import process_file
from pipeline.extract.actors import extract_actors
from pipeline.extract.footnotes import extract_footnotes
from pipeline.extract.insertions import extract_insertions
from pipeline.extract.trade import extract_trade
from pipeline.model import SourceFile
from pipeline.sources import FORMATS, parse_source

# Words the extractors react to, so arbitrary text often looks like the real thing.
VOCABULARY = ["[1]", "[2]", "[", "]", "1.", "2.", "\n\n", "\n", " ", "trade", "turnover", "million", "roubles",
              "per cent", "%", "$", "loan", "1987", "next year", "last year", "China", "the GDR", "Soviet", "USSR",
              "Chinese party", "Comrade", "Kim", "Mao", "Stalin", "Filippov", "[Stalin]", "Mr.", "E. F.", "Chiang",
              "Title:", "Date:", "Wilson Center Digital Archive", "Original Archive", "Citation", "# ", "**",
              "Translated by", "Record ID", "document_url,title,text_body", ",", '"', "’", "é", "\u00ad", "\r\n"]
TEXT = st.lists(st.one_of(st.sampled_from(VOCABULARY), st.text(max_size=12)), max_size=60).map("".join)
YEARS = st.one_of(st.none(), st.integers(1900, 2030))
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans_ok(body: str, spans) -> bool:
    return all(0 <= s < e <= len(body) and body[s:e] == text for s, e, text in spans)


@FAST
@given(TEXT)
def test_footnote_extraction_keeps_markers_inside_the_body(text):
    body, notes = extract_footnotes(text)
    assert _spans_ok(body, [(n.anchor_start, n.anchor_end, n.marker) for n in notes if n.anchor_start is not None])
    assert sorted(n.number for n in notes) == list(range(1, len(notes) + 1))  # what the blocking check demands


@FAST
@given(TEXT)
def test_insertions_are_spans_of_the_body(text):
    assert _spans_ok(text, [(i.start, i.end, i.text) for i in extract_insertions(text)])


@FAST
@given(TEXT, YEARS)
def test_trade_figures_quote_their_span(text, year):
    date = dt.date(year, 6, 1) if year else None
    assert _spans_ok(text, [(f.start, f.end, f.quote) for f in extract_trade(text, date)])


@FAST
@given(TEXT, YEARS, st.lists(st.sampled_from(["Kohl, Helmut", "Chiang, Ching-kuo (Jiang Jingguo)", "Doe, Jane",
                                              "Japan. Foreign Ministry", ",", "X, "]), max_size=3))
def test_actor_mentions_equal_their_span(text, year, tags):
    result = extract_actors(text, year, tags)
    assert _spans_ok(text, [(m.start, m.end, m.surface) for m in result.mentions])
    assert all(isinstance(c, str) and c for c in result.candidates)


@FAST
@given(st.one_of(TEXT.map(str.encode), st.binary(max_size=400)))
def test_any_file_becomes_documents_or_rejects_never_an_exception(data):
    source = SourceFile("input.txt", "0" * 64, len(data))
    for record in parse_source(source, data):
        assert record.source_file.startswith("input.txt")
    result = process_file(source, data)
    for ex in result.extractions:
        body = ex.document["body"]
        assert _spans_ok(body, [(m["start"], m["end"], m["surface"]) for m in ex.actor_mentions])
        assert _spans_ok(body, [(f["start"], f["end"], f["quote"]) for f in ex.trade_figures])


@FAST
@given(TEXT)
def test_every_format_parser_either_parses_or_declines(text):
    source = SourceFile("input.txt", "0" * 64, len(text))
    for fmt in FORMATS:
        if fmt.detect(text):
            records = parse_source(source, text.encode())
            assert all(hasattr(r, "source_file") for r in records)

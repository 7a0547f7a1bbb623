"""Per-document extraction: a pure function of a parsed document, so its result can be cached by content."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import parse_date
from ..model import Document
from ..text import word_count
from .actors import extract_actors
from .footnotes import extract_footnotes
from .insertions import extract_insertions
from .trade import extract_trade


@dataclass
class Extraction:
    document: dict
    footnotes: list[dict] = field(default_factory=list)
    editorial_insertions: list[dict] = field(default_factory=list)
    trade_figures: list[dict] = field(default_factory=list)
    actor_mentions: list[dict] = field(default_factory=list)
    actors: list[dict] = field(default_factory=list)
    actor_candidates: list[str] = field(default_factory=list)


def extract_document(doc: Document, document_id: str) -> Extraction:
    body, notes = extract_footnotes(doc.body)
    date, precision = parse_date(doc.date_text)
    row = doc.to_dict()
    for internal in ("source_line", "raw_head"):
        row.pop(internal)
    row.update(document_id=document_id, body=body, date=date, date_precision=precision,
               word_count=word_count(body))
    base = {"document_id": document_id, "source_sha256": doc.source_sha256}
    footnotes = [{**base, "number": n.number, "marker": n.marker, "text": n.text, "kind": n.kind,
                  "anchor_start": n.anchor_start, "anchor_end": n.anchor_end} for n in notes]
    markers = [(n.anchor_start, n.anchor_end) for n in notes if n.anchor_start is not None]
    insertions = [{**base, "start": i.start, "end": i.end, "text": i.text, "content": i.content, "kind": i.kind}
                  for i in extract_insertions(body, markers)]
    figures = []
    for f in extract_trade(body, date):
        # Two rows share a quote when one figure applies to several years ('this year and next year').
        figure_id = f"{document_id}:{f.start}" + (f":{f.year}" if f.year is not None else "")
        figures.append({**base, "figure_id": figure_id, **{k: v for k, v in f.__dict__.items()}})
    found = extract_actors(body, date.year if date else None, doc.associated_people_orgs + doc.document_contributors)
    mentions = [{**base, "actor_id": m.actor.actor_id, "name": m.actor.name, "type": m.actor.type,
                 "surface": m.surface, "start": m.start, "end": m.end, "mention_kind": m.kind} for m in found.mentions]
    actors = list({m.actor.actor_id: m.actor.row() for m in found.mentions}.values())
    return Extraction(document=row, footnotes=footnotes, editorial_insertions=insertions, trade_figures=figures,
                      actor_mentions=mentions, actors=actors, actor_candidates=found.candidates)

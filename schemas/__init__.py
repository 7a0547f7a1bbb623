"""Table contracts: one definition per table.

Each `TableSpec` is the single source for the pandera schema that validates a table, the pyarrow schema that
writes its Parquet file, and the Frictionless table schema published in datapackage.json. Column names and
meanings follow ../shared/CONTRACT.md; columns beyond the contract are additions, never renames.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pda
import pyarrow as pa

SCHEMA_VERSION = "1.0.0"

STRING = pa.string()
INT = pa.int64()
FLOAT = pa.float64()
BOOL = pa.bool_()
DATE = pa.date32()
STRINGS = pa.list_(pa.string())


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = True
    checks: tuple = ()


@dataclass(frozen=True)
class TableSpec:
    name: str
    key: tuple[str, ...]
    description: str
    columns: tuple[Column, ...]
    frame_checks: tuple = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def arrow_schema(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description}) for c in self.columns],
            metadata={"table": self.name, "key": ",".join(self.key), "schema_version": SCHEMA_VERSION},
        )

    def pandera_schema(self) -> pda.DataFrameSchema:
        return pda.DataFrameSchema(
            {
                c.name: pda.Column(pd.ArrowDtype(c.type), nullable=c.nullable, checks=list(c.checks),
                                   description=c.description)
                for c in self.columns
            },
            checks=list(self.frame_checks),
            unique=list(self.key),
            strict=True,
            ordered=True,
            name=self.name,
        )

    def frictionless_schema(self) -> dict:
        return {
            "fields": [
                {"name": c.name, "type": _frictionless_type(c.type),
                 "description": c.description + (" (a list of strings)" if pa.types.is_list(c.type) else ""),
                 **({"constraints": {"required": True}} if not c.nullable else {})}
                for c in self.columns
            ],
            "primaryKey": list(self.key),
            # How a null cell of a Parquet column looks once read into a data frame.
            "missingValues": ["", "nan", "NaN", "None", "NaT", "<NA>"],
        }

    def to_table(self, rows: list[dict]) -> pa.Table:
        """Rows (dicts) to an Arrow table in this schema, sorted by key so files are reproducible."""
        return self.sort(pa.Table.from_pylist(rows, schema=self.arrow_schema()))

    def sort(self, table: pa.Table) -> pa.Table:
        """The table in this schema's column order, rows sorted by key, in one chunk."""
        table = table.select([c.name for c in self.columns]).cast(self.arrow_schema())
        if table.num_rows:
            table = table.sort_by([(k, "ascending") for k in self.key])
        return table.combine_chunks()

    def validate(self, table: pa.Table) -> pd.DataFrame:
        """Validate with pandera; raises pandera.errors.SchemaErrors listing every failing row and rule."""
        return self.pandera_schema().validate(table.to_pandas(types_mapper=pd.ArrowDtype), lazy=True)


def _frictionless_type(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_list(t):
        # Parquet lists reach Frictionless's readers as arrays, which its "array" type (JSON text) rejects.
        return "any"
    return "string"


def _non_negative():
    return pda.Check.ge(0)


def _one_of(*values):
    return pda.Check.isin(list(values))


DOC_ID = Column("document_id", STRING, "Stable id: the archive's record id when known, else derived from content.",
                nullable=False)
SOURCE_SHA = Column("source_sha256", STRING, "sha256 of the raw input file the row was read from.", nullable=False,
                    checks=(pda.Check.str_matches(r"^[0-9a-f]{64}$"),))

DOCUMENTS = TableSpec(
    name="documents",
    key=("document_id",),
    description="One row per archival record, with the metadata its source states and the cleaned body text.",
    columns=(
        DOC_ID,
        Column("source_file", STRING, "Input path relative to the input folder; for a CSV row 'file#row=N'.",
               nullable=False),
        SOURCE_SHA,
        Column("source_format", STRING, "Detected input format.", nullable=False,
               checks=(_one_of("web_page", "markdown_export", "pdf_export_text", "scraper_csv"),)),
        Column("record_id", STRING, "The Wilson Center Digital Archive record id, when known."),
        Column("title", STRING, "Title as given by the archive.", nullable=False),
        Column("date", DATE, "Document date; the first day of the month or year for less precise dates."),
        Column("date_text", STRING, "The date as written in the source."),
        Column("date_precision", STRING, "day, month or year; null when there is no date.",
               checks=(_one_of("day", "month", "year"),)),
        Column("document_type", STRING, "Type of record from its title (telegram, memorandum, letter, ...)."),
        Column("author", STRING, "Author or sender, where stated."),
        Column("place", STRING, "Place of writing or sending, where stated."),
        Column("classification", STRING, "Security classification, where stated."),
        Column("summary", STRING, "The archive's summary of the record."),
        Column("citation", STRING, "The archive's citation text."),
        Column("archive", STRING, "Holding archive or published source."),
        Column("archive_reference", STRING, "Reference within the archive (fond, opis, delo, file, pages ...)."),
        Column("obtained_by", STRING, "Who obtained or contributed the record."),
        Column("translated_by", STRING, "Translator(s)."),
        Column("original_language", STRING, "Language of the original record."),
        Column("source_url", STRING, "The record's page in the archive."),
        Column("funders", STRINGS, "Funders credited for the record's publication.", nullable=False),
        Column("body", STRING, "Body text with page furniture and the note list removed.", nullable=False),
        Column("word_count", INT, "Words in body.", nullable=False, checks=(_non_negative(),)),
        Column("is_partial", BOOL, "True when the input was cut off.", nullable=False),
        Column("uploaded_date", STRING, "Date the archive published the record online, as written."),
        Column("subjects", STRINGS, "The archive's subject headings.", nullable=False),
        Column("associated_places", STRINGS, "Places tagged by the archive's curators.", nullable=False),
        Column("associated_people_orgs", STRINGS, "People and organisations tagged by the archive's curators.",
               nullable=False),
        Column("document_contributors", STRINGS, "Contributors tagged by the archive's curators.", nullable=False),
        Column("also_in", STRINGS, "Other inputs holding the same record (another file or format), merged "
               "into this row; every one is listed with its sha256 in the manifest.", nullable=False),
        Column("warnings", STRINGS, "What was repaired, guessed or missing while reading the input.",
               nullable=False),
    ),
)

FOOTNOTES = TableSpec(
    name="footnotes",
    key=("document_id", "number"),
    description="Numbered notes of each document, with the span of their marker in documents.body.",
    columns=(
        DOC_ID,
        Column("number", INT, "Note number as printed.", nullable=False, checks=(pda.Check.ge(1),)),
        Column("marker", STRING, "The marker as printed, e.g. [1].", nullable=False),
        Column("text", STRING, "Text of the note.", nullable=False),
        Column("kind", STRING, "handwritten_note, illegible, explanation, archival_source or other.", nullable=False,
               checks=(_one_of("handwritten_note", "illegible", "explanation", "archival_source", "other"),)),
        Column("anchor_start", INT, "Start of the marker in body; null when the note has no marker.",
               checks=(_non_negative(),)),
        Column("anchor_end", INT, "End (exclusive) of the marker in body.", checks=(_non_negative(),)),
        SOURCE_SHA,
    ),
)

EDITORIAL_INSERTIONS = TableSpec(
    name="editorial_insertions",
    key=("document_id", "start"),
    description="Bracketed insertions by translators and editors that are not footnote markers.",
    columns=(
        DOC_ID,
        Column("start", INT, "Start of the bracketed span in body.", nullable=False, checks=(_non_negative(),)),
        Column("end", INT, "End (exclusive) of the span.", nullable=False, checks=(_non_negative(),)),
        Column("text", STRING, "The span as printed, brackets included.", nullable=False),
        Column("content", STRING, "The words inside the brackets.", nullable=False),
        Column("kind", STRING, "elision, supplied, identification, sic, illegible, uncertain or other.",
               nullable=False,
               checks=(_one_of("elision", "supplied", "identification", "sic", "illegible", "uncertain", "other"),)),
        SOURCE_SHA,
    ),
)

TRADE_FIGURES = TableSpec(
    name="trade_figures",
    key=("figure_id",),
    description="Money amounts, turnovers, loans, growth rates and quantities of trade, traced to their words.",
    columns=(
        Column("figure_id", STRING, "document_id:start of the quoted figure.", nullable=False),
        DOC_ID,
        Column("partner", STRING, "Canonical name of the partner country."),
        Column("reporter", STRING, "The other side, when stated or clear from context."),
        Column("flow", STRING, "turnover, exports, imports, loan, credit, aid, trade, payment ...", nullable=False),
        Column("value", FLOAT, "Value in whole units (2.5 billion is 2500000000.0).", nullable=False),
        Column("unit", STRING, "ISO 4217 code, 'percent' or 'units'; null when the text does not say."),
        Column("unit_inferred", BOOL, "True when the unit was carried over from context.", nullable=False),
        Column("measure", STRING, "amount, change or fulfilment.", nullable=False,
               checks=(_one_of("amount", "change", "fulfilment"),)),
        Column("year", INT, "Year the figure applies to."),
        Column("period_start", INT, "First year of a multi-year figure."),
        Column("period_end", INT, "Last year of a multi-year figure."),
        Column("status", STRING, "agreed, planned, forecast, expected, actual, prescribed or unknown.",
               nullable=False,
               checks=(_one_of("agreed", "planned", "forecast", "expected", "actual", "prescribed", "unknown"),)),
        Column("commodity", STRING, "Goods concerned, when stated."),
        Column("quote", STRING, "The figure's words in body.", nullable=False),
        Column("start", INT, "Start of quote in body.", nullable=False, checks=(_non_negative(),)),
        Column("end", INT, "End (exclusive) of quote in body.", nullable=False, checks=(_non_negative(),)),
        SOURCE_SHA,
    ),
)

ACTORS = TableSpec(
    name="actors",
    key=("actor_id",),
    description="People, states, parties and organisations mentioned in the documents, under canonical names.",
    columns=(
        Column("actor_id", STRING, "Stable id of the actor in the reference registry.", nullable=False),
        Column("name", STRING, "Canonical name.", nullable=False),
        Column("type", STRING, "person, country, organization or place.", nullable=False),
        Column("subtype", STRING, "party, international_organization, ... for organisations."),
        Column("aliases", STRINGS, "Other names, abbreviations, spellings and pseudonyms.", nullable=False),
        Column("wikidata_id", STRING, "Wikidata item, only where certain."),
        Column("origin", STRING, "registry (the curated reference data) or document tags (a person the archive "
               "tagged on a document who is not in the registry yet).", nullable=False,
               checks=(pda.Check.isin(["registry", "document tags"]),)),
    ),
)

ACTOR_MENTIONS = TableSpec(
    name="actor_mentions",
    key=("document_id", "start"),
    description="Every mention of a registry actor in a document body, with its span.",
    columns=(
        DOC_ID,
        Column("actor_id", STRING, "The actor mentioned.", nullable=False),
        Column("name", STRING, "Canonical name of the actor.", nullable=False),
        Column("type", STRING, "Type of the actor.", nullable=False),
        Column("surface", STRING, "The words in body.", nullable=False),
        Column("start", INT, "Start of surface in body.", nullable=False, checks=(_non_negative(),)),
        Column("end", INT, "End (exclusive) of surface in body.", nullable=False, checks=(_non_negative(),)),
        Column("mention_kind", STRING, "name, surname, abbreviation, demonym, pseudonym, title ...", nullable=False),
        SOURCE_SHA,
    ),
)

ACTOR_CANDIDATES = TableSpec(
    name="actor_candidates",
    key=("surface",),
    description="Person-like names not in the registry, for curators to review.",
    columns=(
        Column("surface", STRING, "The name as written.", nullable=False),
        Column("document_count", INT, "Documents it occurs in.", nullable=False, checks=(pda.Check.ge(1),)),
        Column("mention_count", INT, "Occurrences.", nullable=False, checks=(pda.Check.ge(1),)),
        Column("document_ids", STRINGS, "Documents it occurs in.", nullable=False),
    ),
)

REJECTS = TableSpec(
    name="rejects",
    key=("source_file",),
    description="Inputs that did not become documents, with the reason.",
    columns=(
        Column("source_file", STRING, "Input path relative to the input folder; for a CSV row 'file#row=N'.",
               nullable=False),
        Column("source_sha256", STRING, "sha256 of the raw input file; null when it was not read (a link "
               "outside the input folder, a file over the size limit or one that could not be opened)."),
        Column("reason", STRING, "Short machine-readable reason.", nullable=False),
        Column("detail", STRING, "What exactly was wrong, for a person.", nullable=False),
    ),
)

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (DOCUMENTS, FOOTNOTES, EDITORIAL_INSERTIONS, TRADE_FIGURES, ACTORS, ACTOR_MENTIONS, ACTOR_CANDIDATES,
              REJECTS)
}

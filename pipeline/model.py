"""Plain records passed between the stages: an input file, a parsed document, a rejected input."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the input folder, POSIX separators, valid UTF-8 (odd name bytes shown as \xNN)
    sha256: str | None  # None when the file was not read (see problem)
    size: int
    location: str = field(default="", compare=False, repr=False)  # where to read it
    problem: str | None = None  # why it is not read: symlink_outside_input, too_large, unreadable, ...
    problem_detail: str = ""


@dataclass(frozen=True)
class Limits:
    """Sizes beyond which an input is rejected rather than read (configurable per build)."""
    max_file_bytes: int = 256 * 2**20
    max_field_chars: int = 2_000_000


@dataclass
class Document:
    """One archival record as read from its source, before extraction.

    `body` is normalised text that may still end with the document's note list; extraction moves the notes out.
    """
    source_file: str
    source_sha256: str
    source_format: str
    title: str
    body: str
    record_id: str | None = None
    date_text: str | None = None
    document_type: str | None = None
    author: str | None = None
    place: str | None = None
    classification: str | None = None
    summary: str | None = None
    citation: str | None = None
    archive: str | None = None
    archive_reference: str | None = None
    obtained_by: str | None = None
    translated_by: str | None = None
    original_language: str | None = None
    source_url: str | None = None
    funders: list[str] = field(default_factory=list)
    is_partial: bool = False
    uploaded_date: str | None = None
    subjects: list[str] = field(default_factory=list)
    associated_places: list[str] = field(default_factory=list)
    associated_people_orgs: list[str] = field(default_factory=list)
    document_contributors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The archive's own source line ("GARF, fond 10026, ..."), used to derive archive and reference.
    source_line: str | None = None
    # The first lines of the raw text, whose layout (runs of spaces) still separates header fields.
    raw_head: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Reject:
    source_file: str
    source_sha256: str | None
    reason: str
    detail: str

    def to_dict(self) -> dict:
        return asdict(self)

"""The build without Dagster: discover input files, parse and extract each, tabulate the tables."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from schemas import TABLES

from .cache import ResultCache
from .extract import Extraction, extract_document
from .model import Document, Limits, Reject, SourceFile
from .sources import document_id, parse_source


@dataclass
class FileResult:
    """Everything one input file contributed: documents with their extractions, or rejects."""
    source: SourceFile
    extractions: list[Extraction] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def discover(input_dir: str | os.PathLike, limits: Limits = Limits()) -> list[SourceFile]:
    """Every file under input_dir, recursively, in a stable order, with its sha256.

    Nothing outside the folder is read: a symbolic link that leads out of it is listed with a problem, as are
    files over the size limit and files that cannot be opened; they become rejects, never silent omissions.
    """
    root = Path(input_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist")
    real_root = root.resolve()
    out = []
    for dirpath, dirnames, filenames in os.walk(root):  # does not descend into linked folders
        dirnames.sort()
        linked_dirs = [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]
        for name in sorted(filenames + linked_dirs):
            out.append(_source(root, real_root, os.path.join(dirpath, name), limits))
    return sorted(out, key=lambda s: s.path)


def _source(root: Path, real_root: Path, location: str, limits: Limits) -> SourceFile:
    rel = os.path.relpath(location, root).replace(os.sep, "/")
    path = rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")

    def problem(kind: str, detail: str, size: int = 0) -> SourceFile:
        return SourceFile(path, None, size, location, kind, detail)

    if os.path.islink(location):
        target = Path(location).resolve()
        if not target.is_relative_to(real_root):
            return problem("symlink_outside_input", f"a symbolic link to {target}, outside the input folder: not read")
        if target.is_dir():
            return problem("symlink_to_folder", "a link to a folder inside the input folder, whose files are read "
                                                "from the folder itself")
    try:
        size = os.stat(location).st_size
        if size > limits.max_file_bytes:
            return problem("too_large", f"{size:,} bytes; the limit is {limits.max_file_bytes:,} "
                                        "(PIPELINE_MAX_FILE_MB)", size)
        digest = hashlib.sha256()
        with open(location, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    except OSError as err:
        return problem("unreadable", f"could not be read: {err.strerror or err}")
    return SourceFile(path, digest.hexdigest(), size, location)


def inputs_digest(sources: list[SourceFile]) -> str:
    """One hash for the whole input folder: which files, under which names, with which content."""
    listing = "".join(f"{s.path}\t{s.sha256 or s.problem}\n" for s in sources)
    return hashlib.sha256(listing.encode()).hexdigest()


def process_file(source: SourceFile, data: bytes, limits: Limits = Limits()) -> FileResult:
    """Parse and extract one file. A pure function of (bytes, code, limits), so results can be cached."""
    result = FileResult(source)
    for record in parse_source(source, data):
        if isinstance(record, Reject):
            result.rejects.append(record)
        elif oversize := _oversize_field(record, limits):
            result.rejects.append(Reject(record.source_file, source.sha256, "field_too_large", oversize))
        else:
            result.extractions.append(extract_document(record, document_id(record)))
    return result


def _oversize_field(doc: Document, limits: Limits) -> str | None:
    for name, value in vars(doc).items():
        if isinstance(value, str) and len(value) > limits.max_field_chars:
            return (f"{name} has {len(value):,} characters; the limit is {limits.max_field_chars:,} "
                    "(PIPELINE_MAX_FIELD_CHARS)")
    return None


# Per-document tables a file contributes (documents carries a ranking column for duplicates, candidates one row
# per occurrence); Arrow keeps a large corpus in a fraction of the memory of row dicts.
RICHNESS = "_richness"
PER_DOCUMENT = {
    "documents": TABLES["documents"].arrow_schema().append(pa.field(RICHNESS, pa.int64())),
    **{name: TABLES[name].arrow_schema() for name in ("footnotes", "editorial_insertions", "trade_figures",
                                                      "actor_mentions", "actors")},
    "actor_candidates": pa.schema([("surface", pa.string()), ("document_id", pa.string())]),
}


@dataclass
class FileTables:
    """What one input file contributed, in columns: its documents' rows in every table, and its rejects."""
    source: SourceFile
    rejects: list[Reject]
    tables: dict[str, pa.Table]

    @property
    def documents(self) -> int:
        return self.tables["documents"].num_rows if self.tables else 0


def compact(result: FileResult) -> FileTables:
    rows: dict[str, list] = {name: [] for name in PER_DOCUMENT}
    for ex in result.extractions:
        rows["documents"].append({**ex.document, "also_in": [], RICHNESS: _richness(ex.document)})
        rows["footnotes"] += ex.footnotes
        rows["editorial_insertions"] += ex.editorial_insertions
        rows["trade_figures"] += ex.trade_figures
        rows["actor_mentions"] += ex.actor_mentions
        rows["actors"] += ex.actors
        rows["actor_candidates"] += [{"surface": c, "document_id": ex.document["document_id"]}
                                     for c in ex.actor_candidates]
    return FileTables(result.source, result.rejects,
                      {name: pa.Table.from_pylist(rows[name], schema=schema) for name, schema in PER_DOCUMENT.items()})


def _richness(doc: dict) -> int:
    """How much metadata a reading carries; a complete text counts extra. The richest duplicate is kept."""
    return sum(1 for v in doc.values() if v not in (None, "", [])) + (0 if doc["is_partial"] else 100)


@dataclass
class CorpusResult:
    files: list[FileTables]
    processed: int  # files parsed and extracted in this build
    reused: int  # files whose result came from the cache


def process_corpus(sources: list[SourceFile], cache: ResultCache | None = None, workers: int | None = None,
                   limits: Limits = Limits()) -> CorpusResult:
    """Every file's result, from the cache when its content and the code are unchanged, else computed.

    Files to compute are spread over worker processes (one per core) when there are enough of them to pay
    for the processes.
    """
    results: list[FileTables | None] = [
        compact(FileResult(s, rejects=[Reject(s.path, None, s.problem, s.problem_detail)])) if s.problem
        else cache.get(s) if cache else None for s in sources]
    todo = [i for i, r in enumerate(results) if r is None]
    workers = min(workers or os.cpu_count() or 1, len(todo) // PER_WORKER_MIN or 1)
    jobs = [(sources[i], limits) for i in todo]
    if workers > 1:
        warm_up()  # build the matchers once, before the workers are forked
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            computed = list(pool.map(_process_path, jobs, chunksize=max(1, len(jobs) // (workers * 8))))
    else:
        computed = [_process_path(job) for job in jobs]
    for i, result in zip(todo, computed):
        results[i] = result
        if cache:
            cache.put(sources[i], result)
    return CorpusResult(results, len(todo), len(sources) - len(todo))


PER_WORKER_MIN = 100  # below this many files per worker, a process pool costs more than it saves


def _process_path(job: tuple[SourceFile, Limits]) -> FileTables:
    source, limits = job
    try:
        data = Path(source.location).read_bytes()
    except OSError as err:  # gone or locked since it was listed
        return compact(FileResult(source, rejects=[Reject(source.path, source.sha256, "unreadable", str(err))]))
    return compact(process_file(source, data, limits))


def warm_up() -> None:
    from .reference import countries, registry

    registry.gazetteer()
    countries.find("")


def tabulate(results: list[FileTables]) -> dict[str, pa.Table]:
    """All tables of a release, each sorted by its key.

    The same record read from several inputs (two files, two formats) is one document: the reading with the
    most metadata is kept, and the other inputs are listed in its `also_in`.
    """
    readings: dict[str, list[tuple[int, str, int]]] = {}  # document_id -> (richness, source_file, result index)
    for i, result in enumerate(results):
        docs = result.tables["documents"]
        for doc_id, source_file, rich in zip(*(docs.column(c).to_pylist()
                                                for c in ("document_id", "source_file", RICHNESS))):
            readings.setdefault(doc_id, []).append((rich, source_file, i))
    kept = {doc_id: min(r, key=lambda x: (-x[0], x[1])) for doc_id, r in readings.items()}
    also_in = {doc_id: sorted(f for _, f, _ in r if f != kept[doc_id][1]) for doc_id, r in readings.items()}
    won: dict[int, set[str]] = {}
    for doc_id, (_, _, i) in kept.items():
        won.setdefault(i, set()).add(doc_id)
    parts: dict[str, list[pa.Table]] = {name: [] for name in PER_DOCUMENT}
    for i, result in enumerate(results):
        for name, table in result.tables.items():
            parts[name].append(_keep(table, won.get(i, set()), result.tables["documents"].num_rows))
    out = {name: pa.concat_tables(tables) if tables else schema.empty_table()
           for (name, tables), schema in zip(parts.items(), PER_DOCUMENT.values())}
    docs = out["documents"].drop_columns([RICHNESS])
    docs = docs.set_column(docs.schema.get_field_index("also_in"), "also_in",
                           pa.array([also_in[d] for d in docs.column("document_id").to_pylist()], pa.list_(pa.string())))
    out["documents"] = docs
    out["actors"] = _first_per_key(out["actors"], "actor_id")
    out["actor_candidates"] = _candidate_counts(out["actor_candidates"])
    out["rejects"] = pa.Table.from_pylist([r.to_dict() for result in results for r in result.rejects],
                                          schema=TABLES["rejects"].arrow_schema())
    return {name: TABLES[name].sort(out[name]) for name in TABLES}


def _keep(table: pa.Table, doc_ids: set[str], documents_in_file: int) -> pa.Table:
    """The rows of the documents this file's reading was kept for."""
    if "document_id" not in table.column_names or len(doc_ids) == documents_in_file:
        return table
    return table.filter(pc.is_in(table.column("document_id"), value_set=pa.array(sorted(doc_ids), pa.string())))


def _first_per_key(table: pa.Table, key: str) -> pa.Table:
    seen: set = set()
    mask = [not (k in seen or seen.add(k)) for k in table.column(key).to_pylist()]
    return table.filter(pa.array(mask, pa.bool_()))


def _candidate_counts(occurrences: pa.Table) -> pa.Table:
    docs: dict[str, Counter] = {}
    for surface, doc_id in zip(occurrences.column("surface").to_pylist(), occurrences.column("document_id").to_pylist()):
        docs.setdefault(surface, Counter())[doc_id] += 1
    return pa.Table.from_pylist([{"surface": s, "document_count": len(c), "mention_count": sum(c.values()),
                                  "document_ids": sorted(c)} for s, c in docs.items()],
                                schema=TABLES["actor_candidates"].arrow_schema())

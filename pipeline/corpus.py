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


@dataclass
class CorpusResult:
    files: list[FileResult]
    processed: int  # files parsed and extracted in this build
    reused: int  # files whose result came from the cache


def process_corpus(sources: list[SourceFile], cache: ResultCache | None = None, workers: int | None = None,
                   limits: Limits = Limits()) -> CorpusResult:
    """Every file's result, from the cache when its content and the code are unchanged, else computed.

    Files to compute are spread over worker processes (one per core) when there are enough of them to pay
    for the processes.
    """
    results: list[FileResult | None] = [
        FileResult(s, rejects=[Reject(s.path, None, s.problem, s.problem_detail)]) if s.problem
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


def _process_path(job: tuple[SourceFile, Limits]) -> FileResult:
    source, limits = job
    try:
        data = Path(source.location).read_bytes()
    except OSError as err:  # gone or locked since it was listed
        return FileResult(source, rejects=[Reject(source.path, source.sha256, "unreadable", str(err))])
    return process_file(source, data, limits)


def warm_up() -> None:
    from .reference import countries, registry

    registry.gazetteer()
    countries.find("")


def tabulate(results: list[FileResult]) -> dict[str, pa.Table]:
    """All tables of a release, each sorted by its key.

    The same record read from several inputs (two files, two formats) is one document: the reading with the
    most metadata is kept, and the other inputs are listed in its `also_in`.
    """
    rows: dict[str, list] = {name: [] for name in TABLES}
    by_id: dict[str, list[Extraction]] = {}
    for result in results:
        rows["rejects"].extend(r.to_dict() for r in result.rejects)
        for ex in result.extractions:
            by_id.setdefault(ex.document["document_id"], []).append(ex)
    actors: dict[str, dict] = {}
    candidates: dict[str, Counter] = {}
    for doc_id, readings in by_id.items():
        ex = max(readings, key=_richness)
        others = sorted(r.document["source_file"] for r in readings if r is not ex)
        rows["documents"].append({**ex.document, "also_in": others})
        rows["footnotes"].extend(ex.footnotes)
        rows["editorial_insertions"].extend(ex.editorial_insertions)
        rows["trade_figures"].extend(ex.trade_figures)
        rows["actor_mentions"].extend(ex.actor_mentions)
        actors.update((a["actor_id"], a) for a in ex.actors)
        for surface in ex.actor_candidates:
            candidates.setdefault(surface, Counter())[doc_id] += 1
    rows["actors"] = list(actors.values())
    rows["actor_candidates"] = [{"surface": s, "document_count": len(docs), "mention_count": sum(docs.values()),
                                 "document_ids": sorted(docs)} for s, docs in candidates.items()]
    return {name: TABLES[name].to_table(table_rows) for name, table_rows in rows.items()}


def _richness(ex: Extraction) -> tuple:
    """More filled metadata first, then a complete text, then the first input path."""
    doc = ex.document
    filled = sum(1 for v in doc.values() if v not in (None, "", []))
    return filled, not doc["is_partial"], [-ord(c) for c in doc["source_file"]]

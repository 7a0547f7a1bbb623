"""The build without Dagster: discover input files, parse and extract each, tabulate the tables."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import zlib
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


@dataclass(frozen=True)
class PackedResult:
    """One file's result as the corpus build keeps it: what duplicate merging needs, and the rest packed.

    Row dicts of a whole corpus would take gigabytes; packed (a compressed pickle of the pipeline's own objects)
    they take a few kilobytes per file, and are unpacked one file at a time when the tables are built.
    """
    source: SourceFile
    rejects: list[Reject]
    readings: list[tuple[str, str, int]]  # (document_id, source_file, richness) of each document
    payload: bytes

    @property
    def documents(self) -> int:
        return len(self.readings)

    def extractions(self) -> list[Extraction]:
        return pickle.loads(zlib.decompress(self.payload)) if self.readings else []


def pack(result: FileResult) -> PackedResult:
    readings = [(ex.document["document_id"], ex.document["source_file"], _richness(ex.document))
                for ex in result.extractions]
    payload = zlib.compress(pickle.dumps(result.extractions, protocol=pickle.HIGHEST_PROTOCOL), 1)
    return PackedResult(result.source, result.rejects, readings, payload)


def _richness(doc: dict) -> int:
    """How much metadata a reading carries; a complete text counts extra. The richest duplicate is kept."""
    return sum(1 for v in doc.values() if v not in (None, "", [])) + (0 if doc["is_partial"] else 100)


@dataclass
class CorpusResult:
    files: list[PackedResult]
    processed: int  # files parsed and extracted in this build
    reused: int  # files whose result came from the cache


def process_corpus(sources: list[SourceFile], cache: ResultCache | None = None, workers: int | None = None,
                   limits: Limits = Limits()) -> CorpusResult:
    """Every file's result, from the cache when its content and the code are unchanged, else computed.

    Files to compute are spread over worker processes (one per core) when there are enough of them to pay
    for the processes.
    """
    results: list[PackedResult | None] = [
        pack(FileResult(s, rejects=[Reject(s.path, None, s.problem, s.problem_detail)])) if s.problem
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


def _process_path(job: tuple[SourceFile, Limits]) -> PackedResult:
    source, limits = job
    try:
        data = Path(source.location).read_bytes()
    except OSError as err:  # gone or locked since it was listed
        return pack(FileResult(source, rejects=[Reject(source.path, source.sha256, "unreadable", str(err))]))
    return pack(process_file(source, data, limits))


def warm_up() -> None:
    from .reference import countries, registry

    registry.gazetteer()
    countries.find("")


def tabulate(results: list[PackedResult], batch_rows: int = 200_000) -> dict[str, pa.Table]:
    """All tables of a release, each sorted by its key, built in batches so row dicts never pile up.

    The same record read from several inputs (two files, two formats) is one document: the reading with the
    most metadata is kept, and the other inputs are listed in its `also_in`.
    """
    readings: dict[str, list[tuple[int, str]]] = {}
    for result in results:
        for doc_id, source_file, richness in result.readings:
            readings.setdefault(doc_id, []).append((-richness, source_file))
    kept = {doc_id: min(r)[1] for doc_id, r in readings.items()}
    rows: dict[str, list] = {name: [] for name in TABLES}
    batches: dict[str, list[pa.Table]] = {name: [] for name in TABLES}
    actors: dict[str, dict] = {}
    candidates: dict[str, Counter] = {}

    def flush() -> None:
        for name, table_rows in rows.items():
            if table_rows:
                batches[name].append(pa.Table.from_pylist(table_rows, schema=TABLES[name].arrow_schema()))
                table_rows.clear()

    for result in results:
        rows["rejects"].extend(r.to_dict() for r in result.rejects)
        for ex in result.extractions():
            doc_id, source_file = ex.document["document_id"], ex.document["source_file"]
            if kept[doc_id] != source_file:
                continue
            rows["documents"].append({**ex.document, "also_in": sorted(f for _, f in readings[doc_id]
                                                                      if f != source_file)})
            rows["footnotes"] += ex.footnotes
            rows["editorial_insertions"] += ex.editorial_insertions
            rows["trade_figures"] += ex.trade_figures
            rows["actor_mentions"] += ex.actor_mentions
            actors.update((a["actor_id"], a) for a in ex.actors)
            for surface in ex.actor_candidates:
                candidates.setdefault(surface, Counter())[doc_id] += 1
        if sum(map(len, rows.values())) >= batch_rows:
            flush()
    rows["actors"] = list(actors.values())
    rows["actor_candidates"] = [{"surface": s, "document_count": len(docs), "mention_count": sum(docs.values()),
                                 "document_ids": sorted(docs)} for s, docs in candidates.items()]
    flush()
    return {name: TABLES[name].sort(pa.concat_tables(batches[name]) if batches[name]
                                    else TABLES[name].arrow_schema().empty_table()) for name in TABLES}

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
from .model import Reject, SourceFile
from .sources import document_id, parse_source


@dataclass
class FileResult:
    """Everything one input file contributed: documents with their extractions, or rejects."""
    source: SourceFile
    extractions: list[Extraction] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


def discover(input_dir: str | os.PathLike) -> list[SourceFile]:
    """Every regular file under input_dir, recursively, in a stable order."""
    root = Path(input_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"input folder {root} does not exist")
    out = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out.append(SourceFile(path.relative_to(root).as_posix(), hashlib.sha256(data).hexdigest(), len(data)))
    return out


def inputs_digest(sources: list[SourceFile]) -> str:
    """One hash for the whole input folder: which files, under which names, with which content."""
    listing = "".join(f"{s.path}\t{s.sha256}\n" for s in sources)
    return hashlib.sha256(listing.encode()).hexdigest()


def process_file(source: SourceFile, data: bytes) -> FileResult:
    """Parse and extract one file. A pure function of (bytes, code), so results can be cached by content."""
    result = FileResult(source)
    for record in parse_source(source, data):
        if isinstance(record, Reject):
            result.rejects.append(record)
        else:
            result.extractions.append(extract_document(record, document_id(record)))
    return result


@dataclass
class CorpusResult:
    files: list[FileResult]
    processed: int  # files parsed and extracted in this build
    reused: int  # files whose result came from the cache


def process_corpus(input_dir: str | os.PathLike, sources: list[SourceFile], cache: ResultCache | None = None,
                   workers: int | None = None) -> CorpusResult:
    """Every file's result, from the cache when its content and the code are unchanged, else computed.

    Files to compute are spread over worker processes (one per core) when there are enough of them to pay
    for the processes.
    """
    root = Path(input_dir)
    results: list[FileResult | None] = [cache.get(s) if cache else None for s in sources]
    todo = [i for i, r in enumerate(results) if r is None]
    workers = min(workers or os.cpu_count() or 1, len(todo) // PER_WORKER_MIN or 1)
    jobs = [(str(root / sources[i].path), sources[i]) for i in todo]
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


def _process_path(job: tuple[str, SourceFile]) -> FileResult:
    path, source = job
    return process_file(source, Path(path).read_bytes())


def warm_up() -> None:
    from .reference import countries, registry

    registry.gazetteer()
    countries.find("")


def tabulate(results: list[FileResult]) -> dict[str, pa.Table]:
    """All tables of a release, each sorted by its key. The same record read twice is kept once."""
    rows: dict[str, list] = {name: [] for name in TABLES}
    seen: dict[str, str] = {}
    actors: dict[str, dict] = {}
    candidates: dict[str, Counter] = {}
    for result in results:
        rows["rejects"].extend(r.to_dict() for r in result.rejects)
        for ex in result.extractions:
            doc_id, source_file = ex.document["document_id"], ex.document["source_file"]
            if doc_id in seen:
                rows["rejects"].append(Reject(source_file, ex.document["source_sha256"], "duplicate",
                                              f"same record ({doc_id}) as {seen[doc_id]}, which was kept").to_dict())
                continue
            seen[doc_id] = source_file
            rows["documents"].append(ex.document)
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

import hashlib
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
# The development corpus (real archive documents in every input format, and a broken scraper export), kept with
# the tests so a fresh clone needs nothing beside it.
CORPUS = PROJECT / "tests" / "corpus"
SEEDS = PROJECT / "seeds"


def source_of(path: Path, root: Path):
    from pipeline.model import SourceFile

    data = path.read_bytes()
    return SourceFile(path.relative_to(root).as_posix(), hashlib.sha256(data).hexdigest(), len(data)), data


def parse(path: Path, root: Path | None = None):
    """Parsed records (documents or rejects) of one real file."""
    from pipeline.sources import parse_source

    return parse_source(*source_of(path, root or path.parent))


def extract(path: Path):
    """(document row, extraction) for every document of one real file."""
    from pipeline.corpus import process_file

    return process_file(*source_of(path, path.parent)).extractions


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory):
    """The whole asset graph materialized once over ../shared/corpus: (dataset root, outcome)."""
    from pipeline.defs.runner import run_build

    root = tmp_path_factory.mktemp("corpus_datasets")
    outcome = run_build(str(CORPUS), str(root))
    assert outcome.success, outcome.report
    return root, outcome


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_the_project(tmp_path_factory):
    """Builds in tests cache per-file results in a temporary folder, not in the project's .cache/."""
    import os

    os.environ["PIPELINE_CACHE_DIR"] = str(tmp_path_factory.mktemp("pipeline_cache"))
    yield
    del os.environ["PIPELINE_CACHE_DIR"]

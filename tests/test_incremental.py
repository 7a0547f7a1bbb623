"""Incremental builds: per-file results cached by content and code, unchanged tables linked, not rewritten."""
import os
import shutil

import pytest

from conftest import SEEDS

import pipeline.cache
import pipeline.corpus as corpus
from pipeline.cache import ResultCache
from pipeline.corpus import discover, process_corpus, tabulate
from pipeline.release import publish

FILES = ["000_1b7bb65b030c85c6.txt", "001_69f09d0a6ffd43a7.txt", "web_pages/036_shtykov-feng-xi-stalin-1950-10-14.txt"]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    for name in FILES:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS / name, folder / name)
    return folder


@pytest.fixture
def calls(monkeypatch):
    """The paths that were really parsed and extracted."""
    seen = []
    real = corpus.process_file

    def counting(source, *args):
        seen.append(source.path)
        return real(source, *args)

    monkeypatch.setattr(corpus, "process_file", counting)
    return seen


def test_only_changed_files_are_parsed_again(inputs, tmp_path, calls):
    cache = ResultCache(tmp_path / "cache")
    first = process_corpus(discover(inputs), cache, workers=1)
    assert (first.processed, first.reused) == (3, 0) and sorted(calls) == sorted(FILES)

    calls.clear()
    second = process_corpus(discover(inputs), cache, workers=1)
    assert (second.processed, second.reused) == (3 - 3, 3) and calls == []
    assert tabulate(second.files)["documents"].equals(tabulate(first.files)["documents"])

    changed = inputs / FILES[1]
    changed.write_text(changed.read_text(encoding="utf-8").replace("Soviet", "Sovyet", 1), encoding="utf-8")
    third = process_corpus(discover(inputs), cache, workers=1)
    assert (third.processed, third.reused) == (1, 2) and calls == [FILES[1]]
    assert not tabulate(third.files)["documents"].equals(tabulate(first.files)["documents"])


def test_a_code_change_invalidates_every_cached_result(inputs, tmp_path, calls, monkeypatch):
    process_corpus(discover(inputs), ResultCache(tmp_path / "cache"), workers=1)
    calls.clear()
    monkeypatch.setattr(pipeline.cache, "code_fingerprint", lambda: "another-extractor")
    again = process_corpus(discover(inputs), ResultCache(tmp_path / "cache"), workers=1)
    assert again.processed == 3 and sorted(calls) == sorted(FILES)


def test_the_fingerprint_follows_per_file_code_and_reference_data_only():
    fingerprint = pipeline.cache.code_fingerprint()
    assert len(fingerprint) == 16
    files = {p.relative_to(pipeline.cache.PACKAGE).as_posix() for p in pipeline.cache.PACKAGE.rglob("*")}
    assert "reference/people.json" in files and "extract/trade.py" in files


def test_worker_processes_give_the_same_tables_as_one_process(inputs, monkeypatch):
    serial = tabulate(process_corpus(discover(inputs), workers=1).files)
    monkeypatch.setattr(corpus, "PER_WORKER_MIN", 1)
    parallel = tabulate(process_corpus(discover(inputs), workers=2).files)
    for name in serial:
        assert parallel[name].equals(serial[name]), name


def test_a_new_version_links_the_tables_it_shares_with_its_parent(inputs, tmp_path):
    sources = discover(inputs)
    tables = tabulate(process_corpus(sources).files)
    first = publish(tables, sources, str(tmp_path / "datasets"))
    notes = tables["footnotes"]
    second = publish({**tables, "footnotes": notes.slice(0, notes.num_rows - 1)}, sources, str(tmp_path / "datasets"))
    assert second.version != first.version
    same = os.stat(f"{first.path}/documents.parquet").st_ino == os.stat(f"{second.path}/documents.parquet").st_ino
    changed = os.stat(f"{first.path}/footnotes.parquet").st_ino != os.stat(f"{second.path}/footnotes.parquet").st_ino
    assert same and changed

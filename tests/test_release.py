"""The asset graph end to end: release, idempotence, lineage, data package, blocking checks."""
import hashlib
import json
import os
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from conftest import CORPUS, PROJECT, SEEDS
from pipeline.defs.runner import run_build
from schemas import TABLES

CONTRACT_TABLES = {"documents", "footnotes", "trade_figures", "actors", "actor_mentions", "rejects"}


def load(root, table, version=None):
    catalog = json.loads((root / "catalog.json").read_text())
    return pq.read_table(root / (version or catalog["latest"]) / f"{table}.parquet")


def test_corpus_build_has_every_document_and_reject(corpus_build):
    root, outcome = corpus_build
    docs = load(root, "documents").to_pylist()
    rejects = load(root, "rejects").to_pylist()
    text_files = [p for p in CORPUS.rglob("*.txt")]
    csv_rows = 11
    assert len(docs) == len(text_files) + csv_rows
    assert {d["source_format"] for d in docs} == {"web_page", "pdf_export_text", "scraper_csv"}
    bad = [r for r in rejects if r["source_file"].startswith("bad/")]
    assert len(bad) == 10 and all(r["reason"] and r["detail"] for r in bad)
    # Nothing is lost: every input file is in documents or rejects.
    seen = {r["source_file"].split("#")[0] for r in docs + rejects}
    assert seen == {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}


def test_version_layout_manifest_and_lineage(corpus_build):
    root, outcome = corpus_build
    vdir = root / outcome.version
    assert CONTRACT_TABLES <= {p.stem for p in vdir.glob("*.parquet")}
    manifest = json.loads((vdir / "manifest.json").read_text())
    assert manifest["version"] == outcome.version and manifest["parent"] is None and manifest["run_id"]
    assert manifest["code_version"]["package"]
    inputs = {i["path"]: i["sha256"] for i in manifest["inputs"]}
    for name, info in manifest["tables"].items():
        data = (vdir / info["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"]
        assert pq.read_table(vdir / info["file"]).num_rows == info["rows"]
    for doc in load(root, "documents").to_pylist():
        assert inputs[doc["source_file"].split("#")[0]] == doc["source_sha256"]
    catalog = json.loads((root / "catalog.json").read_text())
    assert catalog["latest"] == outcome.version and [v["version"] for v in catalog["versions"]] == [outcome.version]


def test_rows_are_sorted_by_key(corpus_build):
    root, _ = corpus_build
    for name, spec in TABLES.items():
        keys = load(root, name).select(list(spec.key)).to_pylist()
        assert keys == sorted(keys, key=lambda k: tuple(k.values()))


def test_datapackage_agrees_with_parquet(corpus_build):
    root, outcome = corpus_build
    vdir = root / outcome.version
    package = json.loads((vdir / "datapackage.json").read_text())
    assert {r["name"] for r in package["resources"]} == set(TABLES)
    types = {"string": pa.types.is_string, "integer": pa.types.is_integer, "number": pa.types.is_floating,
             "boolean": pa.types.is_boolean, "date": pa.types.is_date, "any": pa.types.is_list}
    for resource in package["resources"]:
        schema = pq.read_schema(vdir / resource["path"])
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == schema.names
        for f in fields:
            assert types[f["type"]](schema.field(f["name"]).type), (resource["name"], f)
        digest = hashlib.sha256((vdir / resource["path"]).read_bytes()).hexdigest()
        assert resource["hash"] == f"sha256:{digest}"


def test_rebuild_is_idempotent_and_byte_identical(tmp_path):
    first = run_build(str(SEEDS), str(tmp_path / "a"))
    again = run_build(str(SEEDS), str(tmp_path / "a"))
    assert first.written and not again.written and first.version == again.version
    assert sorted(os.listdir(tmp_path / "a")) == sorted(["catalog.json", ".catalog.lock", first.version])
    other = run_build(str(SEEDS), str(tmp_path / "b"))
    for name in TABLES:
        a = (tmp_path / "a" / first.version / f"{name}.parquet").read_bytes()
        b = (tmp_path / "b" / other.version / f"{name}.parquet").read_bytes()
        assert a == b


def test_changed_input_makes_a_child_version(tmp_path):
    inputs = tmp_path / "in"
    shutil.copytree(SEEDS, inputs)
    first = run_build(str(inputs), str(tmp_path / "out"))
    md = inputs / "001_69f09d0a6ffd43a7.txt"
    md.write_text(md.read_text().replace("Unfortunately-not for the better.", "Unfortunately, not for the better."))
    second = run_build(str(inputs), str(tmp_path / "out"))
    assert second.version != first.version and second.written
    manifest = json.loads((tmp_path / "out" / second.version / "manifest.json").read_text())
    assert manifest["parent"] == first.version
    assert (tmp_path / "out" / first.version / "documents.parquet").exists()  # the old version is untouched


def test_failing_check_blocks_the_release(tmp_path, monkeypatch):
    import pipeline.defs.assets as assets

    real = assets.tabulate

    def corrupt(results):
        tables = real(results)
        docs = tables["documents"]
        bad = docs.set_column(docs.schema.get_field_index("word_count"), "word_count",
                              pa.array([-1] * docs.num_rows, pa.int64()))
        return {**tables, "documents": bad}

    monkeypatch.setattr(assets, "tabulate", corrupt)
    outcome = run_build(str(SEEDS), str(tmp_path))
    assert outcome.version is None and not (tmp_path / "catalog.json").exists()
    failed = [e for e in outcome.result.get_asset_check_evaluations() if not e.passed]
    assert [(e.asset_key.to_user_string(), e.check_name) for e in failed] == [("documents", "matches_schema")]
    failures = failed[0].metadata["first_failures"].value
    assert failures[0]["column"] == "word_count" and "greater_than_or_equal_to" in failures[0]["rule"]


def test_cli_build_prints_version_last_and_is_idempotent(tmp_path):
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "build", "--input", str(CORPUS), "--output", str(out)]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT, timeout=300)
    assert first.returncode == 0, first.stderr[-2000:]
    version = first.stdout.strip().splitlines()[-1]
    assert (out / version / "documents.parquet").exists()
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT, timeout=300)
    assert second.returncode == 0 and second.stdout.strip().splitlines()[-1] == version
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == sorted(["catalog.json", version])


def test_cli_rejects_missing_input_folder(tmp_path):
    run = subprocess.run([sys.executable, "-m", "pipeline", "build", "--input", str(tmp_path / "nope"),
                          "--output", str(tmp_path)], capture_output=True, text=True, cwd=PROJECT)
    assert run.returncode == 2 and "does not exist" in run.stderr

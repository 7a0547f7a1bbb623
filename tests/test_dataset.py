"""For the people who use the dataset: loading, DuckDB, versions and diffs, card, data package, object storage."""
import json
import re
import shutil
import socket
import subprocess
import sys

import pyarrow as pa
import pytest
import yaml

from conftest import PROJECT, SEEDS
from schemas import TABLES

from pipeline.dataset import connect, load, resolve_version, versions
from pipeline.defs.runner import run_build

PAIR = ["000_1b7bb65b030c85c6.txt", "001_69f09d0a6ffd43a7.txt"]


def _build(inputs, root):
    outcome = run_build(str(inputs), str(root))
    assert outcome.success, outcome.report
    return outcome.version


@pytest.fixture
def two_versions(tmp_path):
    """Two releases of the same two documents; in the second one document's body has one word changed."""
    inputs, root = tmp_path / "in", tmp_path / "datasets"
    inputs.mkdir()
    for name in PAIR:
        shutil.copy(SEEDS / name, inputs)
    first = _build(inputs, root)
    changed = inputs / PAIR[0]
    text = changed.read_text(encoding="utf-8")
    at = text.index("trade")  # a word of the body, not of the page furniture
    changed.write_text(text[:at] + "commerce" + text[at + len("trade"):], encoding="utf-8")
    second = _build(inputs, root)
    return root, first, second


def test_load_returns_pandas_or_arrow_for_any_version(corpus_build):
    root, outcome = corpus_build
    docs = load("documents", root=str(root))
    assert len(docs) == versions(str(root))[-1]["rows"]["documents"] > 0
    table = load("trade_figures", version=outcome.version[:6], root=str(root), arrow=True)
    assert isinstance(table, pa.Table) and table.schema == TABLES["trade_figures"].arrow_schema()
    with pytest.raises(LookupError):
        load("documents", version="ffffffffffff", root=str(root))


def test_duckdb_views_answer_sql_at_once(corpus_build):
    root, _ = corpus_build
    con = connect(root=str(root))
    counts = dict(con.sql("SELECT 'documents', count(*) FROM documents UNION ALL "
                          "SELECT 'actor_mentions', count(*) FROM actor_mentions").fetchall())
    latest = versions(str(root))[-1]["rows"]
    assert counts == {"documents": latest["documents"], "actor_mentions": latest["actor_mentions"]}


def test_frictionless_validates_the_data_package(corpus_build):
    from frictionless import validate

    root, outcome = corpus_build
    report = validate(str(root / outcome.version / "datapackage.json"))
    assert report.valid, report.flatten(["resourceName", "type", "note"])[:10]


def test_diff_lists_exactly_the_changed_documents_rows(two_versions, capsys):
    from pipeline.cli import main

    root, first, second = two_versions
    changed_id = next(r["document_id"] for r in load("documents", root=str(root), arrow=True).to_pylist()
                      if r["source_file"] == PAIR[0])
    assert main(["diff", first, second, "--root", str(root), "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["tables"]["documents"] == {"added": 0, "removed": 0, "changed": 1, "added_keys": [],
                                           "removed_keys": [], "changed_keys": [{"document_id": changed_id}]}
    for name, d in diff["tables"].items():
        keys = d["added_keys"] + d["removed_keys"] + d["changed_keys"]
        assert all(k["document_id"] == changed_id for k in keys if "document_id" in k), name
    # Each release stores its diff against its parent.
    stored = json.loads((root / second / "changes.json").read_text())
    assert stored == diff


def test_versions_cli_lists_dates_parents_and_rows(two_versions):
    root, first, second = two_versions
    run = subprocess.run([sys.executable, "-m", "pipeline", "versions", "--root", str(root)], capture_output=True,
                         text=True, cwd=PROJECT, check=True)
    lines = run.stdout.strip().splitlines()
    assert lines[1].startswith(first) and lines[2].startswith(second) and first in lines[2].split()[2]
    assert "documents 2" in lines[2] and lines[2].endswith("(latest)")


def test_every_version_has_a_dataset_card(two_versions):
    root, first, second = two_versions
    card = (root / second / "README.md").read_text()
    assert f"version {second}" in card and f"Parent version: {first}" in card
    for name, spec in TABLES.items():
        assert f"### {name} (" in card and all(f"| {c.name} |" in card for c in spec.columns)
    assert "## How to cite" in card and "## Known limits" in card and "| documents | 0 | 0 | 1 |" in card


def test_citation_file_is_valid_cff():
    cff = yaml.safe_load((PROJECT / "CITATION.cff").read_text())
    assert cff["cff-version"] == "1.2.0" and cff["title"] and cff["authors"] and cff["version"]


def test_readme_load_examples_run_as_written(tmp_path):
    """The README's Python examples, run in a folder where `datasets/` was built from seeds/."""
    readme = (PROJECT / "README.md").read_text()
    section = readme.split("## Loading a version", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) >= 2
    _build(SEEDS, tmp_path / "datasets")
    for block in blocks:
        run = subprocess.run([sys.executable, "-c", block], cwd=tmp_path, capture_output=True, text=True)
        assert run.returncode == 0, block + run.stderr[-2000:]


# --- object storage: a real S3-compatible server (moto) on localhost ---

@pytest.fixture
def s3(monkeypatch):
    from moto.server import ThreadedMotoServer

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    for var, value in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                       "AWS_DEFAULT_REGION": "us-east-1", "AWS_ENDPOINT_URL": endpoint}.items():
        monkeypatch.setenv(var, value)
    import boto3
    import fsspec

    boto3.client("s3").create_bucket(Bucket="archive")
    fsspec.get_filesystem_class("s3").clear_instance_cache()
    yield "s3://archive/datasets"
    server.stop()


def test_build_catalog_load_and_diff_on_s3(s3, tmp_path, capsys):
    import fsspec

    from pipeline.cli import main

    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEEDS / PAIR[0], inputs)
    first = _build(inputs, s3)
    assert _build(inputs, s3) == first  # unchanged: nothing new
    shutil.copy(SEEDS / PAIR[1], inputs)
    second = _build(inputs, s3)

    fs = fsspec.filesystem("s3")
    catalog = json.loads(fs.cat_file("archive/datasets/catalog.json"))
    assert [v["version"] for v in catalog["versions"]] == [first, second] and catalog["latest"] == second
    assert {"manifest.json", "datapackage.json", "README.md", "changes.json", "documents.parquet"} <= {
        p.rsplit("/", 1)[1] for p in fs.ls(f"archive/datasets/{second}")}
    assert len(load("documents", root=s3)) == 2 and resolve_version("latest", s3) == second
    assert connect(root=s3).sql("SELECT count(*) FROM documents").fetchall() == [(2,)]
    assert main(["diff", first, second, "--root", s3, "--json"]) == 0
    diff = json.loads(capsys.readouterr().out)
    assert diff["tables"]["documents"]["added"] == 1 and diff["tables"]["documents"]["removed"] == 0


def test_every_version_has_a_report_with_charts(two_versions):
    root, _, second = two_versions
    report = root / second / "report"
    pngs = sorted(p.name for p in report.glob("*.png"))
    assert pngs == ["documents_by_year.png", "top_actors.png", "trade_by_partner_year.png"]
    assert all((report / name).read_bytes().startswith(b"\x89PNG") for name in pngs)
    page = (report / "index.html").read_text()
    assert all(f'src="{name}"' in page for name in pngs) and "2 documents" in page

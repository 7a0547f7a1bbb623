"""A build killed during its release leaves the previous version whole; two builds at once both land."""
import hashlib
import json
import shutil
import signal
import subprocess
import sys
import textwrap

import pytest

from conftest import PROJECT, SEEDS

FIRST, SECOND = "000_1b7bb65b030c85c6.txt", "001_69f09d0a6ffd43a7.txt"

# Runs a build in a child process that SIGKILLs itself at one point of the release.
KILLER = textwrap.dedent('''
    import os, signal, sys
    import pipeline.release.store as store

    point, inputs, root, cache = sys.argv[1:5]
    die = lambda: os.kill(os.getpid(), signal.SIGKILL)
    writes = []

    if point == "while_writing_files":
        real_open = open
        def counting_open(path, mode="r", *args, **kwargs):
            if "w" in mode and store.STAGING in str(path):
                writes.append(path)
                if len(writes) == 3:
                    die()
            return real_open(path, mode, *args, **kwargs)
        store.open = counting_open
    elif point == "before_moving_into_place":
        real_rename = os.rename
        store.os.rename = lambda src, dst: die() if store.STAGING in src else real_rename(src, dst)
    elif point == "before_catalog_update":
        store.DatasetStore.write_catalog = lambda self, catalog: die()
    elif point == "while_replacing_catalog":  # the new catalog is written aside, not yet moved over the old
        real_replace = os.replace
        store.os.replace = lambda src, dst: die() if str(dst).endswith(store.CATALOG) else real_replace(src, dst)

    from pipeline.cli import main
    sys.exit(main(["build", "--input", inputs, "--output", root, "--cache", cache]))
''')


def _build(inputs, root, cache):
    return subprocess.run([sys.executable, "-m", "pipeline", "build", "--input", str(inputs), "--output", str(root),
                           "--cache", str(cache)], cwd=PROJECT, capture_output=True, text=True, timeout=300)


def _complete(folder) -> bool:
    manifest = json.loads((folder / "manifest.json").read_text())
    return all(hashlib.sha256((folder / t["file"]).read_bytes()).hexdigest() == t["sha256"]
               for t in manifest["tables"].values())


@pytest.mark.parametrize("point", ["while_writing_files", "before_moving_into_place", "before_catalog_update",
                                   "while_replacing_catalog"])
def test_a_killed_release_leaves_the_previous_version_whole(tmp_path, point):
    inputs, root, cache = tmp_path / "in", tmp_path / "datasets", tmp_path / "cache"
    inputs.mkdir()
    shutil.copy(SEEDS / FIRST, inputs)
    first = _build(inputs, root, cache)
    assert first.returncode == 0, first.stderr[-2000:]
    old = first.stdout.strip().splitlines()[-1]

    shutil.copy(SEEDS / SECOND, inputs)
    killed = subprocess.run([sys.executable, "-c", KILLER, point, str(inputs), str(root), str(cache)], cwd=PROJECT,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-2000:]

    catalog = json.loads((root / "catalog.json").read_text())
    assert catalog["latest"] == old and [v["version"] for v in catalog["versions"]] == [old]
    assert _complete(root / old)
    for folder in root.iterdir():  # what a reader can see: whole versions only (staging is hidden)
        if folder.is_dir() and not folder.name.startswith("."):
            assert _complete(folder), folder.name

    again = _build(inputs, root, cache)
    assert again.returncode == 0, again.stderr[-2000:]
    new = again.stdout.strip().splitlines()[-1]
    catalog = json.loads((root / "catalog.json").read_text())
    assert new != old and catalog["latest"] == new and catalog["versions"][-1]["parent"] == old
    assert _complete(root / new) and not list((root / ".staging").glob("*"))


def test_two_builds_at_once_both_land_in_a_valid_catalog(tmp_path):
    root = tmp_path / "datasets"
    folders = []
    for name in (FIRST, SECOND):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(SEEDS / name, folder)
        folders.append(folder)
    builds = [subprocess.Popen([sys.executable, "-m", "pipeline", "build", "--input", str(f), "--output", str(root),
                                "--cache", str(tmp_path / f"cache-{i}")], cwd=PROJECT, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True) for i, f in enumerate(folders)]
    outputs = [b.communicate(timeout=300) for b in builds]
    assert [b.returncode for b in builds] == [0, 0], [err[-6000:] for _, err in outputs]
    made = {out.strip().splitlines()[-1] for out, _ in outputs}
    catalog = json.loads((root / "catalog.json").read_text())
    versions = [v["version"] for v in catalog["versions"]]
    assert set(versions) == made and len(versions) == 2
    assert catalog["versions"][0]["parent"] is None and catalog["versions"][1]["parent"] == versions[0]
    assert catalog["latest"] == versions[1]
    assert all(_complete(root / v) for v in versions)

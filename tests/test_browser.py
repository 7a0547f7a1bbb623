"""The Dagster UI in a real browser: `dagster dev` over a temporary project state, driven by headless Chromium."""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import PROJECT, SEEDS
from schemas import TABLES

pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
SEED_FILES = ["000_1b7bb65b030c85c6.txt", "001_69f09d0a6ffd43a7.txt"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(predicate, timeout: float, what: str, interval: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


@pytest.fixture
def dagster_ui(tmp_path):
    """`dagster dev` (webserver and daemon) with its own DAGSTER_HOME, input folder and dataset root."""
    home, inputs, root = tmp_path / "dagster_home", tmp_path / "inputs", tmp_path / "datasets"
    home.mkdir()
    inputs.mkdir()
    for name in SEED_FILES:
        shutil.copy(SEEDS / name, inputs)
    port = _free_port()
    env = {**os.environ, "DAGSTER_HOME": str(home), "PIPELINE_INPUT_DIR": str(inputs),
           "PIPELINE_DATASET_ROOT": str(root)}
    log = open(tmp_path / "dagster.log", "w")
    server = subprocess.Popen([str(Path(sys.executable).with_name("dagster")), "dev", "-w", "workspace.yaml",
                               "-h", "127.0.0.1", "-p", str(port)], cwd=PROJECT, env=env, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"

    def up():
        try:
            return urllib.request.urlopen(f"{url}/server_info", timeout=2).status == 200
        except OSError:
            assert server.poll() is None, (tmp_path / "dagster.log").read_text()[-3000:]
            return False

    try:
        _wait_for(up, 120, "the Dagster webserver")
        yield url, root
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        log.close()


@pytest.fixture
def browser(tmp_path):
    assert CHROMIUM.exists() and CHROMEDRIVER.exists(), \
        "Debian's chromium and chromium-driver are needed: apt-get install chromium chromium-driver (.ci/run does)"
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    # The flags keep Chromium from reaching for the network, which this machine and CI do not have.
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1600,1000", f"--user-data-dir={tmp_path / 'chromium'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def test_ui_lists_the_tables_and_materializes_a_version(dagster_ui, browser):
    from selenium.webdriver.common.by import By

    url, root = dagster_ui
    page = lambda: browser.find_element(By.TAG_NAME, "body").text  # noqa: E731

    browser.get(f"{url}/assets")
    _wait_for(lambda: all(name in page() for name in TABLES), 60, "every table in the asset list")
    assert "dataset_release" in page() and "source_files" in page()

    browser.get(f"{url}/locations/pipeline.defs:defs/jobs/build_dataset")
    button = _wait_for(lambda: browser.find_elements(By.XPATH, "//button[normalize-space()='Materialize all']"),
                       60, "the Materialize all button")[0]
    for skip in browser.find_elements(By.XPATH, "//button[normalize-space()='Skip']"):
        skip.click()  # the first-visit community dialog
    button.click()
    _wait_for(lambda: "Launched run" in page(), 30, "the run to be launched")

    browser.get(f"{url}/runs")
    status = _wait_for(lambda: next((s for s in ("Success", "Failure", "Canceled") if s in page()), None), 240,
                       "the run to finish", interval=2)
    assert status == "Success", page()

    catalog = json.loads((root / "catalog.json").read_text())
    documents = pq.read_table(root / catalog["latest"] / "documents.parquet")
    assert sorted(documents.column("source_file").to_pylist()) == SEED_FILES

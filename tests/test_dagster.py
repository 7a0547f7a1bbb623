"""The Dagster layer: definitions, schedule, sensor and data versions, run for real against temporary folders."""
import datetime as dt
import json
import shutil

import dagster as dg
import pytest

from conftest import SEEDS
from schemas import TABLES

from pipeline.defs import build_defs, defs
from pipeline.defs.automation import new_input_files, nightly_rebuild
from pipeline.defs.resources import PipelineSettings


def test_definitions_snapshot():
    graph = defs.resolve_asset_graph()
    assert {k.to_user_string() for k in graph.get_all_asset_keys()} == {
        "source_files", "document_extractions", "dataset_report", "dataset_release", *TABLES}
    checks = {(k.asset_key.to_user_string(), k.name) for k in graph.asset_check_keys}
    assert checks == ({(t, "matches_schema") for t in TABLES}
                      | {(t, "spans_match_body") for t in ("footnotes", "editorial_insertions", "trade_figures",
                                                              "actor_mentions")}
                      | {("actor_mentions", "actors_exist")})
    repo = defs.get_repository_def()
    assert [j.name for j in repo.get_all_jobs() if not j.name.startswith("__")] == ["build_dataset"]
    assert [s.name for s in repo.schedule_defs] == ["nightly_rebuild"]
    assert [s.name for s in repo.sensor_defs] == ["new_input_files"]


def test_every_asset_is_described_owned_and_versioned():
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description and node.owners and node.code_version and node.kinds, key


def test_schedule_and_sensor_start_stopped():
    assert nightly_rebuild.default_status == dg.DefaultScheduleStatus.STOPPED
    assert new_input_files.default_status == dg.DefaultSensorStatus.STOPPED


def test_schedule_requests_a_full_rebuild():
    context = dg.build_schedule_context(scheduled_execution_time=dt.datetime(2026, 1, 2, 3, tzinfo=dt.timezone.utc))
    [request] = nightly_rebuild.evaluate_tick(context).run_requests
    assert nightly_rebuild.job_name == "build_dataset" and nightly_rebuild.cron_schedule == "0 3 * * *"
    assert request.asset_selection is None  # the whole job: every asset and check


def _tick(settings: PipelineSettings, cursor: str | None):
    context = dg.build_sensor_context(cursor=cursor, resources={"settings": settings})
    result = new_input_files(context)
    return result, context.cursor


def _run(request: dg.RunRequest, settings: PipelineSettings, instance: dg.DagsterInstance):
    job = build_defs(settings, io_manager=dg.mem_io_manager).get_job_def("build_dataset")
    return job.execute_in_process(instance=instance, tags=request.tags, raise_on_error=False)


def test_sensor_builds_a_version_for_a_new_file_and_stays_quiet_otherwise(tmp_path):
    inputs, root = tmp_path / "in", tmp_path / "datasets"
    inputs.mkdir()
    shutil.copy(SEEDS / "000_1b7bb65b030c85c6.txt", inputs)
    settings = PipelineSettings(input_dir=str(inputs), dataset_root=str(root))
    instance = dg.DagsterInstance.ephemeral()

    first, cursor = _tick(settings, None)
    assert isinstance(first, dg.RunRequest) and _run(first, settings, instance).success
    again, cursor_after = _tick(settings, cursor)
    assert isinstance(again, dg.SkipReason) and cursor_after == cursor

    (inputs / "000_1b7bb65b030c85c6.txt").touch()  # a new mtime, same content: nothing to do
    assert isinstance(_tick(settings, cursor)[0], dg.SkipReason)

    shutil.copy(SEEDS / "001_69f09d0a6ffd43a7.txt", inputs)
    second, cursor2 = _tick(settings, cursor)
    assert isinstance(second, dg.RunRequest) and second.run_key != first.run_key and cursor2 != cursor
    assert _run(second, settings, instance).success
    catalog = json.loads((root / "catalog.json").read_text())
    assert len(catalog["versions"]) == 2 and catalog["versions"][-1]["parent"] == catalog["versions"][0]["version"]
    manifest = json.loads((root / catalog["latest"] / "manifest.json").read_text())
    assert {i["path"] for i in manifest["inputs"]} == {"000_1b7bb65b030c85c6.txt", "001_69f09d0a6ffd43a7.txt"}
    assert isinstance(_tick(settings, cursor2)[0], dg.SkipReason)

    (inputs / "001_69f09d0a6ffd43a7.txt").unlink()  # a removed file is a change too
    assert isinstance(_tick(settings, cursor2)[0], dg.RunRequest)


def test_unchanged_inputs_give_unchanged_data_versions(tmp_path):
    settings = PipelineSettings(input_dir=str(SEEDS), dataset_root=str(tmp_path))
    instance = dg.DagsterInstance.ephemeral()
    job = build_defs(settings, io_manager=dg.mem_io_manager).get_job_def("build_dataset")

    def versions():
        result = job.execute_in_process(instance=instance)
        assert result.success
        return {e.asset_key.to_user_string(): e.materialization.tags.get("dagster/data_version")
                for e in result.get_asset_materialization_events()}

    first, second = versions(), versions()
    assert first["dataset_release"] and first["documents"] and second["source_files"] == first["source_files"]
    # Built from the same inputs, code and settings: the rest of the second run is skipped, nothing rewritten.
    assert set(second) == {"source_files"}


@pytest.mark.parametrize("value", ["", "/somewhere/else"])
def test_settings_come_from_run_config_or_the_environment_at_run_time(monkeypatch, value):
    monkeypatch.setenv("PIPELINE_INPUT_DIR", "/from/env")
    settings = PipelineSettings(input_dir=value)
    assert settings.input_path() == (value or "/from/env")


def test_postgres_instance_config_is_valid(tmp_path, monkeypatch):
    from dagster._core.instance.config import dagster_instance_config

    from conftest import PROJECT

    shutil.copy(PROJECT / "deploy" / "dagster.postgres.yaml", tmp_path / "dagster.yaml")
    for var in ("DAGSTER_PG_HOST", "DAGSTER_PG_DB", "DAGSTER_PG_USER", "DAGSTER_PG_PASSWORD"):
        monkeypatch.setenv(var, "x")
    config, _ = dagster_instance_config(str(tmp_path))
    assert "postgres" in config["storage"] and config["run_coordinator"]["class"] == "QueuedRunCoordinator"

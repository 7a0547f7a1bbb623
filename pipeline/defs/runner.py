"""Run the whole asset graph in-process, as the CLI and tests do, and summarise the outcome."""
from dataclasses import dataclass, field

import dagster as dg

from . import ASSETS
from .checks import CHECKS
from .resources import PipelineSettings

QUIET = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


@dataclass
class BuildOutcome:
    success: bool
    version: str | None
    written: bool = False
    report: list[str] = field(default_factory=list)
    result: object = None


def run_build(input_dir: str, dataset_root: str, instance: dg.DagsterInstance | None = None,
              cache_dir: str = "") -> BuildOutcome:
    """One run over every document; the release happens only if every blocking check passed."""
    result = dg.materialize(
        ASSETS + CHECKS,
        resources={"settings": PipelineSettings(input_dir=str(input_dir), dataset_root=str(dataset_root),
                                                cache_dir=str(cache_dir)),
                   "io_manager": dg.mem_io_manager},
        instance=instance,
        run_config=QUIET,
        raise_on_error=False,
    )
    report = []
    for evaluation in result.get_asset_check_evaluations():
        if not evaluation.passed:
            meta = evaluation.metadata.get("first_failures")
            report.append(f"check failed: {evaluation.asset_key.to_user_string()}.{evaluation.check_name}: "
                          f"{meta.value if meta else ''}")
    events = {m.asset_key.to_user_string(): m.materialization.metadata for m in result.get_asset_materialization_events()}
    up_to_date = events.get("source_files", {}).get("up_to_date_version")
    if result.success and "dataset_release" not in events and up_to_date and up_to_date.value:
        report.append(f"unchanged {up_to_date.value}: built from the same inputs, code and settings")
        return BuildOutcome(True, up_to_date.value, False, report, result)
    meta = events.get("dataset_release")
    if meta is None:
        return BuildOutcome(result.success, None, report=report, result=result)
    version, written = meta["version"].value, meta["written"].value
    rows = {k.split("/", 1)[1]: v.value for k, v in meta.items() if k.startswith("rows/")}
    report.append(f"{'released' if written else 'unchanged'} {version} at {meta['path'].value}: "
                  + ", ".join(f"{n} {c}" for n, c in rows.items()))
    return BuildOutcome(result.success, version, written, report, result)

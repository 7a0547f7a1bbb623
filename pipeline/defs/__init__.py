"""The Dagster code location: a thin layer over the plain pipeline functions."""
from __future__ import annotations

import warnings

import dagster as dg

# Output(data_version=...) is marked beta; the data versions are deliberate (content hashes).
warnings.filterwarnings("ignore", category=dg.BetaWarning)

from .assets import dataset_release, dataset_report, dataset_tables, document_extractions, source_files
from .automation import new_input_files, nightly_rebuild
from .checks import CHECKS
from .jobs import build_dataset_job
from .resources import PipelineSettings

ASSETS = [source_files, document_extractions, dataset_tables, dataset_report, dataset_release]


def build_defs(settings: PipelineSettings | None = None, io_manager=None) -> dg.Definitions:
    """Definitions with overridable configuration (tests and the CLI pass their own)."""
    resources = {"settings": settings or PipelineSettings()}
    if io_manager is not None:
        resources["io_manager"] = io_manager
    return dg.Definitions(assets=ASSETS, asset_checks=CHECKS, jobs=[build_dataset_job], schedules=[nightly_rebuild],
                          sensors=[new_input_files], resources=resources)


defs = build_defs()

"""The Dagster code location: a thin layer over the plain pipeline functions."""
from __future__ import annotations

import dagster as dg

from .assets import dataset_release, dataset_tables, document_extractions, source_files
from .checks import CHECKS
from .resources import PipelineSettings

ASSETS = [source_files, document_extractions, dataset_tables, dataset_release]
build_dataset_job = dg.define_asset_job("build_dataset", selection=dg.AssetSelection.all(),
                                        description="Rebuild every table from the input folder and release a version.")


def build_defs(settings: PipelineSettings | None = None, io_manager=None) -> dg.Definitions:
    """Definitions with overridable configuration (tests and the CLI pass their own)."""
    resources = {"settings": settings or PipelineSettings()}
    if io_manager is not None:
        resources["io_manager"] = io_manager
    return dg.Definitions(assets=ASSETS, asset_checks=CHECKS, jobs=[build_dataset_job], resources=resources)


defs = build_defs()

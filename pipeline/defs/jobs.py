"""The one job: every asset and check of the graph in a single run."""

import dagster as dg

# In one process: the steps hand large in-memory tables to each other, and starting a Python process per step
# would cost more than the work.
build_dataset_job = dg.define_asset_job(
    "build_dataset", selection=dg.AssetSelection.all(), executor_def=dg.in_process_executor,
    description="Rebuild every table from the input folder and release a version.")

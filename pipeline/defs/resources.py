"""Configuration as a Dagster resource: set in run config, or from the environment at run time."""

import os

import dagster as dg


class PipelineSettings(dg.ConfigurableResource):
    """Where raw files are read from and where dataset versions are written.

    Empty values fall back, when a run starts (never at import), to $PIPELINE_INPUT_DIR / $PIPELINE_DATASET_ROOT /
    $PIPELINE_CACHE_DIR and then to `seeds` / `datasets` / `.cache/pipeline` under the working directory. The
    dataset root may be any fsspec URL; the cache of per-file results is a local folder.
    """

    input_dir: str = ""
    dataset_root: str = ""
    cache_dir: str = ""

    def input_path(self) -> str:
        return self.input_dir or os.environ.get("PIPELINE_INPUT_DIR") or "seeds"

    def root(self) -> str:
        return self.dataset_root or os.environ.get("PIPELINE_DATASET_ROOT") or "datasets"

    def cache_path(self) -> str:
        return self.cache_dir or os.environ.get("PIPELINE_CACHE_DIR") or ".cache/pipeline"

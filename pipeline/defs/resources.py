"""Configuration as a Dagster resource: set in run config, or from the environment at run time."""

import os

import dagster as dg

from ..model import Limits


class PipelineSettings(dg.ConfigurableResource):
    """Where raw files are read from and where dataset versions are written.

    Empty values fall back, when a run starts (never at import), to $PIPELINE_INPUT_DIR / $PIPELINE_DATASET_ROOT /
    $PIPELINE_CACHE_DIR and then to `seeds` / `datasets` / `.cache/pipeline` under the working directory. The
    dataset root may be any fsspec URL; the cache of per-file results is a local folder. Size limits (0: from
    $PIPELINE_MAX_FILE_MB / $PIPELINE_MAX_FIELD_CHARS, else 256 MB per file, 2,000,000 characters per field)
    reject bigger inputs with a reason.
    """

    input_dir: str = ""
    dataset_root: str = ""
    cache_dir: str = ""
    max_file_mb: float = 0
    max_field_chars: int = 0

    def input_path(self) -> str:
        return self.input_dir or os.environ.get("PIPELINE_INPUT_DIR") or "seeds"

    def root(self) -> str:
        return self.dataset_root or os.environ.get("PIPELINE_DATASET_ROOT") or "datasets"

    def cache_path(self) -> str:
        return self.cache_dir or os.environ.get("PIPELINE_CACHE_DIR") or ".cache/pipeline"

    def limits(self) -> Limits:
        default = Limits()
        file_mb = self.max_file_mb or float(os.environ.get("PIPELINE_MAX_FILE_MB") or 0)
        field = self.max_field_chars or int(os.environ.get("PIPELINE_MAX_FIELD_CHARS") or 0)
        return Limits(int(file_mb * 2**20) if file_mb else default.max_file_bytes, field or default.max_field_chars)

"""When builds start on their own: a nightly full rebuild and a sensor for new, changed or removed input files.

Both are created stopped, as Dagster expects: a user turns them on in the UI (Automation) when a daemon runs.
"""

import dagster as dg

from ..corpus import discover, inputs_digest
from .jobs import build_dataset_job
from .resources import PipelineSettings

nightly_rebuild = dg.ScheduleDefinition(
    name="nightly_rebuild", job=build_dataset_job, cron_schedule="0 3 * * *", execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Rebuild every table from the input folder at 03:00 UTC; an unchanged corpus writes nothing.")


@dg.sensor(name="new_input_files", job=build_dataset_job, minimum_interval_seconds=60,
           default_status=dg.DefaultSensorStatus.STOPPED,
           description="Starts one build when files in the input folder are added, changed or removed. "
                       "The cursor is a hash of every file's path and content, so touching a file does nothing.")
def new_input_files(context: dg.SensorEvaluationContext, settings: PipelineSettings):
    sources = discover(settings.input_path(), settings.limits())
    digest = inputs_digest(sources)
    if digest == context.cursor:
        return dg.SkipReason(f"no change in {len(sources)} input files")
    context.update_cursor(digest)
    return dg.RunRequest(run_key=digest, tags={"pipeline/inputs_digest": digest,
                                               "pipeline/input_files": str(len(sources))})

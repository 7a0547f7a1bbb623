"""Assets: raw files -> per-document extraction -> one asset per table -> released dataset version."""

import hashlib

import dagster as dg
import pyarrow as pa

from schemas import TABLES

from .. import __version__
from ..cache import ResultCache, build_key, code_fingerprint
from ..corpus import PackedResult, discover, inputs_digest, process_corpus, tabulate
from ..model import SourceFile
from ..release import publish, release_built_from
from ..release.report import markdown_with_images, render_report
from .resources import PipelineSettings

OWNERS = ["team:digital-history"]


@dg.asset(group_name="ingest", code_version=__version__, kinds={"python"}, owners=OWNERS,
          description="Every file under the input folder with its sha256; the build's inputs.")
def source_files(settings: PipelineSettings) -> dg.Output[list[SourceFile]]:
    sources = discover(settings.input_path(), settings.limits())
    digest = inputs_digest(sources)
    up_to_date = release_built_from(settings.root(), _build_key(settings, digest))
    # Content-derived data versions: unchanged inputs and code leave everything downstream up to date.
    return dg.Output(sources, data_version=dg.DataVersion(digest[:16]),
                     metadata={"dagster/row_count": len(sources), "input_dir": settings.input_path(),
                               "bytes": sum(s.size for s in sources), "inputs_digest": digest,
                               "up_to_date_version": up_to_date or ""})


def _build_key(settings: PipelineSettings, digest: str) -> str:
    return build_key(digest, repr(settings.limits()))


def _derived_version(digest: str, *parts: str) -> dg.DataVersion:
    return dg.DataVersion(hashlib.sha256("|".join((digest, *parts)).encode()).hexdigest()[:16])


@dg.asset(group_name="ingest", code_version=code_fingerprint(), kinds={"python"}, owners=OWNERS,
          output_required=False,
          description="Each input parsed (format detected from content) and extracted, in one run; unchanged files "
                      "under unchanged code come from the cache. When the latest version was built from the same "
                      "inputs, code and settings, nothing is produced and the rest of the run is skipped.")
def document_extractions(context: dg.AssetExecutionContext, settings: PipelineSettings,
                         source_files: list[SourceFile]):
    digest = inputs_digest(source_files)
    version = release_built_from(settings.root(), _build_key(settings, digest))
    if version:
        context.log.info(f"version {version} was built from these inputs, code and settings: nothing to do")
        return
    limits = settings.limits()
    corpus = process_corpus(source_files, ResultCache(settings.cache_path(), salt=repr(limits)), limits=limits)
    yield dg.Output(corpus.files, data_version=_derived_version(digest, code_fingerprint()),
                    metadata={"documents": sum(r.documents for r in corpus.files),
                              "rejected": sum(len(r.rejects) for r in corpus.files),
                              "files_processed": corpus.processed, "files_from_cache": corpus.reused})


@dg.multi_asset(
    group_name="tables",
    outs={name: dg.AssetOut(description=spec.description, code_version=f"{__version__}+{code_fingerprint()}",
                            kinds={"pyarrow"}, owners=OWNERS, is_required=True)
          for name, spec in TABLES.items()},
)
def dataset_tables(document_extractions: list[PackedResult]):
    """One Arrow table per contract table, rows sorted by key."""
    digest = inputs_digest([r.source for r in document_extractions])
    for name, table in tabulate(document_extractions).items():
        yield dg.Output(table, output_name=name, metadata=table_metadata(name, table),
                        data_version=_derived_version(digest, code_fingerprint(), __version__, name))


def table_metadata(name: str, table: pa.Table) -> dict:
    spec = TABLES[name]
    schema = dg.TableSchema(columns=[
        dg.TableColumn(c.name, str(c.type), description=c.description,
                       constraints=dg.TableColumnConstraints(nullable=c.nullable))
        for c in spec.columns])
    return {"dagster/row_count": table.num_rows, "dagster/column_schema": schema, "key": ", ".join(spec.key),
            "preview": dg.MetadataValue.md(markdown_preview(table))}


def markdown_preview(table: pa.Table, rows: int = 5, width: int = 60) -> str:
    if not table.num_rows:
        return "_no rows_"
    cols = table.column_names
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in table.slice(0, rows).to_pylist():
        cells = [str(row[c]).replace("\n", " ").replace("|", "\\|")[:width] for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


@dg.asset(group_name="release", code_version=__version__, kinds={"matplotlib"}, owners=OWNERS,
          description="Charts of the tables (trade by partner and year, most-mentioned actors, documents by year) "
                      "as PNG and an HTML page, released in the version's report/ folder.")
def dataset_report(documents: pa.Table, trade_figures: pa.Table, actor_mentions: pa.Table) -> dg.Output[dict]:
    report = render_report({"documents": documents, "trade_figures": trade_figures, "actor_mentions": actor_mentions})
    return dg.Output(report, metadata={"files": sorted(report), "charts": dg.MetadataValue.md(markdown_with_images(report))})


@dg.asset(group_name="release", code_version=__version__, kinds={"parquet"}, owners=OWNERS,
          description="An immutable dataset version: Parquet per table, manifest, data package, dataset card, "
                      "changes against the parent, report, catalog entry.")
def dataset_release(context: dg.AssetExecutionContext, settings: PipelineSettings, source_files: list[SourceFile],
                    documents: pa.Table, footnotes: pa.Table, editorial_insertions: pa.Table,
                    trade_figures: pa.Table, actors: pa.Table, actor_mentions: pa.Table,
                    actor_candidates: pa.Table, rejects: pa.Table, dataset_report: dict) -> dg.MaterializeResult:
    tables = {"documents": documents, "footnotes": footnotes, "editorial_insertions": editorial_insertions,
              "trade_figures": trade_figures, "actors": actors, "actor_mentions": actor_mentions,
              "actor_candidates": actor_candidates, "rejects": rejects}
    result = publish(tables, source_files, settings.root(), run_id=context.run.run_id, extra_files=dataset_report,
                     build_key=_build_key(settings, inputs_digest(source_files)))
    context.log.info(f"dataset version {result.version} {'written to' if result.written else 'already at'} "
                     f"{result.path}")
    return dg.MaterializeResult(
        metadata={"version": result.version, "path": dg.MetadataValue.path(result.path),
                  "manifest": dg.MetadataValue.path(f"{result.path}/manifest.json"),
                  "dataset_card": dg.MetadataValue.path(f"{result.path}/README.md"),
                  "report": dg.MetadataValue.path(f"{result.path}/report/index.html"), "written": result.written,
                  "parent": str(result.manifest.get("parent")),
                  **{f"rows/{name}": t.num_rows for name, t in tables.items()}},
        data_version=dg.DataVersion(result.version),
    )

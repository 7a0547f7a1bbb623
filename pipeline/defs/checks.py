"""Blocking asset checks: a failure stops the release and names the failing rows and rule."""

import dagster as dg
import pyarrow as pa

from schemas import TABLES

from ..validation import actor_reference_failures, cross_table_failures, schema_failures


def _result(failures: list[dict]) -> dg.AssetCheckResult:
    return dg.AssetCheckResult(
        passed=not failures,
        metadata={"failures": len(failures),
                  "first_failures": dg.MetadataValue.json(failures[:20])},
        description=None if not failures else f"{len(failures)} failing row(s); first: {failures[0]}",
    )


def schema_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=name, name="matches_schema", blocking=True,
                    description=f"Every row of {name} satisfies its pandera schema (types, nulls, key, values).")
    def _check(table: pa.Table) -> dg.AssetCheckResult:
        return _result(schema_failures(name, table))

    return _check


def spans_check(name: str) -> dg.AssetChecksDefinition:
    @dg.asset_check(asset=name, name="spans_match_body", blocking=True,
                    additional_ins={"documents": dg.AssetIn("documents")},
                    description=f"Every span of {name} lies inside its document's body and equals its text; "
                                f"every document_id exists.")
    def _check(table: pa.Table, documents: pa.Table) -> dg.AssetCheckResult:
        return _result(cross_table_failures(name, table, documents))

    return _check


@dg.asset_check(asset="actor_mentions", name="actors_exist", blocking=True,
                additional_ins={"actors": dg.AssetIn("actors")},
                description="Every actor_id of actor_mentions exists in actors.")
def actors_exist_check(table: pa.Table, actors: pa.Table) -> dg.AssetCheckResult:
    return _result(actor_reference_failures(table, actors))


SPAN_TABLES = ("footnotes", "editorial_insertions", "trade_figures", "actor_mentions")
CHECKS = [schema_check(name) for name in TABLES] + [spans_check(name) for name in SPAN_TABLES] + [actors_exist_check]

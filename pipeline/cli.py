"""Command line: `python -m pipeline build | versions | diff`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="run the Dagster assets in-process and release a dataset version")
    build.add_argument("--input", default="seeds", help="folder of raw archive files (default: seeds)")
    build.add_argument("--output", default="datasets", help="dataset root, a folder or fsspec URL (default: datasets)")
    build.add_argument("--cache", default="", help="folder for cached per-file results "
                                                   "(default: $PIPELINE_CACHE_DIR or .cache/pipeline)")
    listing = sub.add_parser("versions", help="list released versions with date, parent and row counts")
    listing.add_argument("--root", default="datasets", help="dataset root (default: datasets)")
    compare = sub.add_parser("diff", help="rows added, removed and changed per table between two versions")
    compare.add_argument("old", help="version id (or a unique prefix, or 'latest')")
    compare.add_argument("new", help="version id (or a unique prefix, or 'latest')")
    compare.add_argument("--root", default="datasets", help="dataset root (default: datasets)")
    compare.add_argument("--json", action="store_true", help="print the full diff as JSON")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            return build_command(args.input, args.output, args.cache)
        if args.command == "versions":
            return versions_command(args.root)
        return diff_command(args.old, args.new, args.root, args.json)
    except LookupError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2


def versions_command(root: str) -> int:
    from .dataset import catalog

    cat = catalog(root)
    if not cat["versions"]:
        print(f"no versions under {root}")
        return 0
    print(f"{'version':14} {'created_at':26} {'parent':14} rows")
    for v in cat["versions"]:
        rows = ", ".join(f"{name} {n}" for name, n in v["rows"].items())
        mark = " (latest)" if v["version"] == cat["latest"] else ""
        print(f"{v['version']:14} {v['created_at']:26} {v['parent'] or '-':14} {rows}{mark}")
    return 0


def diff_command(old: str, new: str, root: str, as_json: bool) -> int:
    import json

    from .dataset import load_all, resolve_version
    from .release.diff import diff_tables, summary_lines

    old, new = resolve_version(old, root), resolve_version(new, root)
    diff = diff_tables(load_all(old, root), load_all(new, root), old, new)
    print(json.dumps(diff, indent=2, default=str) if as_json else "\n".join(summary_lines(diff)))
    return 0


def build_command(input_dir: str, output: str, cache: str = "") -> int:
    if not Path(input_dir).is_dir():
        print(f"error: input folder {input_dir!r} does not exist", file=sys.stderr)
        return 2
    from .defs.runner import run_build

    outcome = run_build(input_dir, output, cache_dir=cache)
    for line in outcome.report:
        print(line)
    if outcome.version is None:
        print("error: build failed; no version was released", file=sys.stderr)
        return 1
    print(outcome.version)
    return 0

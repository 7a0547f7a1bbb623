"""Command line: `python -m pipeline build --input DIR --output DIR`."""
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
    args = parser.parse_args(argv)
    if args.command == "build":
        return build_command(args.input, args.output, args.cache)
    return 2


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

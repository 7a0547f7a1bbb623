"""Benchmark: full, no-op and one-document builds through Dagster on generated corpora of real documents.

    .venv/bin/python bench/run.py                      # sizes 1,000 / 10,000 / 50,000
    .venv/bin/python bench/run.py --sizes 1000 10000   # fewer
    .venv/bin/python bench/run.py --peer               # also time quantulum3 / spaCy when installed

Each size runs in its own process (so peak RSS is its own) on a corpus written under bench/.work/: the real
documents of seeds/ and tests/corpus, each copy with other record ids, dates, numbers and names, so no two
are duplicates. Prints figures and how far each is from its target; it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))
WORK = PROJECT / "bench" / ".work"
TARGETS = {"full_s": (10_000, 30.0), "one_change_s": (10_000, 3.0), "noop_s": (10_000, 2.0),
           "peak_rss_mb": (10_000, 1536.0)}


def templates() -> list[tuple[str, str]]:
    """(suffix, text) of every real single-document file: web pages, markdown exports, PDF text."""
    roots = [PROJECT / "seeds", PROJECT / "tests" / "corpus"]
    out = {}
    for root in roots:
        for path in sorted(root.rglob("*.txt")):
            if "bad" not in path.parts:
                out.setdefault(path.name, path.read_text(encoding="utf-8", errors="replace"))
    return sorted(out.items())


def vary(text: str, rng: random.Random, people: list[str]) -> str:
    """Other ids, numbers, years and one person's name, keeping the document's shape."""
    def number(m: re.Match) -> str:
        digits = m.group(0)
        if len(digits) == 4 and digits.startswith("19"):
            return "19" + f"{rng.randrange(45, 92):02d}"
        return str(rng.randrange(1, 9)) + "".join(str(rng.randrange(10)) for _ in digits[1:])

    text = re.sub(r"\d+", number, text)
    present = [p for p in people if p in text]
    if present:
        text = text.replace(rng.choice(present), rng.choice(people))
    return text


def generate(size: int, folder: Path) -> int:
    from pipeline.reference.registry import actors

    people = sorted(a.name for a in actors().values() if a.type == "person")
    rng = random.Random(size)
    shutil.rmtree(folder, ignore_errors=True)
    base = templates()
    total = 0
    for i in range(size):
        name, text = base[i % len(base)]
        path = folder / f"{i // 1000:03d}" / f"{i:06d}_{name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        data = vary(text, rng, people).encode()
        path.write_bytes(data)
        total += len(data)
    return total


def measure(size: int) -> dict:
    """One size, in this process: full build, no-op rebuild, one changed document."""
    import dagster as dg

    from pipeline.defs.runner import run_build

    inputs, root, cache = WORK / f"in-{size}", WORK / f"datasets-{size}", WORK / f"cache-{size}"
    nbytes = generate(size, inputs)
    for folder in (root, cache):
        shutil.rmtree(folder, ignore_errors=True)
    instance = dg.DagsterInstance.ephemeral()

    def build():
        start = time.perf_counter()
        outcome = run_build(str(inputs), str(root), instance=instance, cache_dir=str(cache))
        assert outcome.success, outcome.report
        return time.perf_counter() - start, outcome

    full_s, full = build()
    stats = instance.get_run_step_stats(full.result.run_id)
    stages = {s.step_key: round(s.end_time - s.start_time, 2) for s in stats if s.end_time and s.start_time}
    noop_s, noop = build()
    changed = next(inputs.rglob("*.txt"))
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA note added for the benchmark.\n", encoding="utf-8")
    one_s, one = build()
    # Forked workers share the parent's pages, so their peak is reported apart rather than added.
    main_kb, worker_kb = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    rows = json.loads((root / "catalog.json").read_text())["versions"][-1]["rows"]
    return {"size": size, "documents": rows["documents"], "mb": round(nbytes / 1e6, 1), "full_s": round(full_s, 2),
            "docs_per_s": round(rows["documents"] / full_s), "mb_per_s": round(nbytes / 1e6 / full_s, 2),
            "noop_s": round(noop_s, 2), "noop_wrote": noop.written, "one_change_s": round(one_s, 2),
            "one_change_new_version": one.written, "peak_rss_mb": round(main_kb / 1024),
            "worker_peak_rss_mb": round(worker_kb / 1024), "stages_s": stages}


def peer(size: int = 300) -> dict:
    """Our trade and actor extraction against quantulum3 and spaCy on the same bodies, when installed."""
    from pipeline.extract.actors import extract_actors
    from pipeline.extract.trade import extract_trade

    rng = random.Random(0)
    base = templates()
    bodies = [vary(base[i % len(base)][1], rng, []) for i in range(size)]
    out = {}

    def rate(fn) -> float:
        start = time.perf_counter()
        for body in bodies:
            fn(body)
        return len(bodies) / (time.perf_counter() - start)

    ours_trade, ours_actors = rate(lambda b: extract_trade(b, None)), rate(lambda b: extract_actors(b, None))
    try:
        from quantulum3 import parser as quantulum

        theirs = rate(quantulum.parse)
        out["quantulum3"] = {"docs_per_s": round(theirs, 1), "ours_trade_docs_per_s": round(ours_trade, 1),
                             "ratio": round(ours_trade / theirs, 1)}
    except ImportError:
        out["quantulum3"] = "not installed (pip install quantulum3)"
    try:
        import spacy

        nlp = spacy.load("en_core_web_sm")
        theirs = rate(lambda b: nlp(b).ents)
        out["spacy_en_core_web_sm"] = {"docs_per_s": round(theirs, 1), "ours_actors_docs_per_s": round(ours_actors, 1),
                                       "ratio": round(ours_actors / theirs, 1)}
    except (ImportError, OSError):
        out["spacy_en_core_web_sm"] = "not available (spaCy and its small English model must be installed)"
    return out


def report(results: list[dict]) -> None:
    print(f"{'size':>7} {'docs':>7} {'MB':>7} {'full s':>8} {'docs/s':>7} {'MB/s':>6} {'no-op s':>8} "
          f"{'1-doc s':>8} {'RSS MB':>7}")
    for r in results:
        print(f"{r['size']:>7} {r['documents']:>7} {r['mb']:>7} {r['full_s']:>8} {r['docs_per_s']:>7} "
              f"{r['mb_per_s']:>6} {r['noop_s']:>8} {r['one_change_s']:>8} {r['peak_rss_mb']:>7}")
    for r in results:
        print(f"stages at {r['size']}: " + ", ".join(f"{k} {v}s" for k, v in r["stages_s"].items()))
        print(f"no-op wrote a version: {r['noop_wrote']}; one change wrote a new version: "
              f"{r['one_change_new_version']}; largest worker process peak RSS {r['worker_peak_rss_mb']} MB")
    for key, (size, target) in TARGETS.items():
        r = next((r for r in results if r["size"] == size), None)
        if r:
            verdict = "met" if r[key] <= target else f"MISSED by {r[key] - target:.1f} ({r[key] / target:.1f}x)"
            print(f"target {key} <= {target} at {size}: {r[key]} -> {verdict}")
    if len(results) >= 2:
        a, b = results[0], results[-1]
        grow = b["size"] / a["size"]
        print(f"growth {a['size']} -> {b['size']} (x{grow:.0f}): time x{b['full_s'] / a['full_s']:.1f}, "
              f"RSS x{b['peak_rss_mb'] / a['peak_rss_mb']:.1f}")


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    args.add_argument("--sizes", type=int, nargs="*", default=[1_000, 10_000, 50_000])
    args.add_argument("--peer", action="store_true", help="time quantulum3 and spaCy on the same documents")
    args.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size in this process
    opts = args.parse_args()
    if opts.one:
        print(json.dumps(measure(opts.one)))
        return
    results = []
    for size in opts.sizes:
        run = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True)
        if run.returncode:
            sys.exit(f"size {size} failed:\n{run.stderr[-3000:]}")
        results.append(json.loads(run.stdout.strip().splitlines()[-1]))
        report(results[-1:])
    if len(results) > 1:
        print("\nall sizes")
        report(results)
    if opts.peer:
        print(json.dumps(peer(), indent=2))


if __name__ == "__main__":
    main()

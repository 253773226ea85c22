"""Extraction benchmark: quality per annotated set, speed cold and warm, peak memory.

Run with ``make bench-extraction`` (or ``python benchmarks/extraction.py``).
Quality: entity and relation precision, recall and F1 per set at the ingest
threshold (0.6), with the relation types of every set together.  The
development sets trained the relation model and shaped the rules, so their
figures flatter; ``make model`` prints the cross-validated ones.  The held-out
``exam`` set is scored only when named (``--sets exam``).

Speed: one release extracted in a fresh process (the Korean analyser, the
gazetteer and the relation model loaded: the cold figure), then every release
again in a warm process (mean and slowest).  Memory: the peak resident size of
each process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from train_relations import DATA, development_sets  # noqa: E402  (tools/train_relations.py)

from citygraph.ingest.evaluate import combine, evaluate, format_report  # noqa: E402
from citygraph.ingest.extraction import from_json  # noqa: E402
from citygraph.ingest.training import annotated_in  # noqa: E402

COLD = """
import resource, sys, time
started, cpu = time.perf_counter(), time.process_time()
from citygraph.ingest.pipeline import extract_file
x = extract_file(sys.argv[1])
seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{seconds:.3f} {cpu:.3f} {peak:.0f} {len(x.entities)} {len(x.relations)}")
"""


def sets(names: list[str]) -> dict[str, list[tuple[Path, Path]]]:
    """The annotated documents of the sets named."""
    known = development_sets()
    return {n: known[n] if n in known else annotated_in(DATA / n) for n in names}


def quality(chosen: dict[str, list[tuple[Path, Path]]]) -> None:
    """Print each set's totals, then every set's scores per type."""
    from citygraph.ingest.pipeline import extract_file

    every = []
    print(f"{'set':10} {'docs':>4}  {'entities P / R / F1':>22}  {'relations P / R / F1':>22}")
    for name, pairs in chosen.items():
        reports = [
            evaluate(extract_file(document),
                     from_json(json.loads(gold.read_text(encoding="utf-8"))), threshold=0.6)
            for document, gold in pairs
        ]
        every += reports
        r = combine(reports)
        e, rel = r.entity_total, r.relation_total
        print(f"{name:10} {len(pairs):4}  {e.precision:6.3f} {e.recall:6.3f} {e.f1:6.3f}  "
              f"    {rel.precision:6.3f} {rel.recall:6.3f} {rel.f1:6.3f}")
    print(f"\nper type, {', '.join(chosen)} together:")
    print(format_report(combine(every)))


def speed(documents: list[Path]) -> None:
    """Print the cold time and memory of one release, and the warm times of all."""
    forum = ROOT / "data" / "sources" / "wcsmf-2023-seoul.ko.md"
    colds = []
    for document in (forum, documents[0]):
        out = subprocess.run([sys.executable, "-c", COLD, str(document)], capture_output=True,
                             text=True, check=True).stdout.split()
        seconds, cpu, peak = float(out[0]), float(out[1]), float(out[2])
        colds.append(seconds)
        print(f"cold: {document.name} in a fresh process (analyser, gazetteer and model loads "
              f"included): {seconds:.2f} s ({cpu:.2f} s CPU), peak RSS {peak:.0f} MB, "
              f"{out[3]} entities, {out[4]} relations")
    from citygraph.ingest.pipeline import extract_file

    extract_file(forum)
    times, cpus = [], []
    for document in [forum, *documents]:
        started, cpu = time.perf_counter(), time.process_time()
        extract_file(document)
        times.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    slowest = max(range(len(times)), key=lambda i: times[i])
    print(f"warm: {len(times)} releases, mean {sum(times) / len(times):.0f} ms "
          f"({sum(cpus) / len(cpus):.0f} ms CPU), slowest {times[slowest]:.0f} ms "
          f"({cpus[slowest]:.0f} ms CPU; {[forum, *documents][slowest].name})")
    print(f"(wall times count other processes' load: {os.getloadavg()[0]:.1f} on "
          f"{os.cpu_count()} cores now; CPU times do not)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (every set extracted): {peak:.0f} MB")
    print(f"targets: cold < 5 s ({max(colds):.2f}), warm < 200 ms ({max(times):.0f}), "
          f"peak < 600 MB ({peak:.0f})")


def main() -> None:
    """Parse the options; print quality, then speed and memory."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="press,blind,holdout,final,forum",
                        help="comma-separated set names (exam only when named)")
    args = parser.parse_args()
    chosen = sets([s for s in args.sets.split(",") if s])
    quality(chosen)
    print()
    speed([document for pairs in chosen.values() for document, _ in pairs])


if __name__ == "__main__":
    main()

"""Throughput of the Python module over a generated corpus, beside the CLI's.

    python3 bench/python_threads.py CORPUS_DIR PATH/TO/corpus-clean [RUNS]

Interleaves RUNS rounds of: `corpus-clean -j1` and `-j2` over the directory (whole processes,
records to /dev/null), then one Cleaner over the same files from one thread and from a
ThreadPoolExecutor of two (each document read and cleaned into its dict, as a Python pipeline
does; one file a task, and BATCH files a task), and prints medians of wall and CPU seconds,
the ratios, and the CPU time the module adds to each document. The module is the one on
PYTHONPATH (bench/python.sh sets the release build's).
"""

import resource
import statistics
import subprocess
import sys
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import corpus_clean

# Files handed to each task of the pool in the batched run: a task's Future wakes the thread
# that waits for it, once per task.
BATCH = 32
BATCHED = f"module, 2 thr., {BATCH}/task"


def corpus_files(corpus):
    """The files of the directory in the CLI's order (sorted by id, byte order)."""
    return sorted((p for p in corpus.rglob("*") if p.is_file() and not p.name.startswith(".")),
                  key=lambda p: str(p.relative_to(corpus)).encode())


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_seconds(cli, corpus, jobs):
    """(wall, CPU) seconds of one whole run of the CLI."""
    started, cpu = time.perf_counter(), children_cpu()
    subprocess.run([cli, "--quiet", f"-j{jobs}", str(corpus), "-o", "/dev/null"], check=True)
    return time.perf_counter() - started, children_cpu() - cpu


def module_seconds(cleaner, files, threads, batch=1):
    """(wall, CPU) seconds of cleaning `files` with `cleaner` on `threads` threads, `batch`
    files to each task of the pool."""
    def one(path):
        return cleaner.clean(path.read_bytes(), path=path)

    def some(paths):
        return [one(path) for path in paths]

    started, cpu = time.perf_counter(), time.process_time()
    if threads == 1:
        records = [one(path) for path in files]
    else:
        with ThreadPoolExecutor(max_workers=threads) as pool:
            if batch == 1:
                records = list(pool.map(one, files))
            else:
                batches = (files[i:i + batch] for i in range(0, len(files), batch))
                records = [record for done in pool.map(some, batches) for record in done]
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    assert len(records) == len(files)
    return seconds, cpu


def main():
    corpus, cli = Path(sys.argv[1]), sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    files = corpus_files(corpus)
    size = sum(p.stat().st_size for p in files)
    # What the CLI says with --quiet: nothing (a warning still costs its call).
    warnings.simplefilter("ignore", corpus_clean.CleanWarning)
    cleaner = corpus_clean.Cleaner()
    module_seconds(cleaner, files[:200], 1)  # page cache and first-use tables warm
    times = {"cli -j1": [], "cli -j2": [], "module, 1 thread": [], "module, 2 threads": [],
             BATCHED: []}
    for _ in range(runs):
        times["cli -j1"].append(cli_seconds(cli, corpus, 1))
        times["cli -j2"].append(cli_seconds(cli, corpus, 2))
        times["module, 1 thread"].append(module_seconds(cleaner, files, 1))
        times["module, 2 threads"].append(module_seconds(cleaner, files, 2))
        times[BATCHED].append(module_seconds(cleaner, files, 2, BATCH))
    wall = {label: statistics.median(v[0] for v in values) for label, values in times.items()}
    cpu = {label: statistics.median(v[1] for v in values) for label, values in times.items()}

    print(f"corpus: {len(files)} posts, {size / 1e6:.0f} MB ({corpus}); medians of {runs} interleaved runs")
    print(f"{'':24} {'seconds':>8} {'docs/s':>8} {'MB/s':>7} {'CPU s':>7}")
    for label, seconds in wall.items():
        print(f"{label:24} {seconds:8.2f} {len(files) / seconds:8.0f} {size / 1e6 / seconds:7.1f} "
              f"{cpu[label]:7.2f}")
    one, two, cli_one = wall["module, 1 thread"], wall["module, 2 threads"], wall["cli -j1"]
    print(f"\nmodule 2 threads / 1 thread, wall:  {one / two:.2f} (target >= 1.7 on 2 cores)")
    print(f"  the same, {BATCH} files a task:      {one / wall[BATCHED]:.2f}")
    print(f"module 1 thread / cli -j1, wall:    {cli_one / one:.2f} (target >= 0.9)")
    print(f"module 1 thread / cli -j1, CPU:     {cpu['cli -j1'] / cpu['module, 1 thread']:.2f}")
    print(f"cli -j2 / cli -j1, wall:            {cli_one / wall['cli -j2']:.2f}")
    # The same ratios round by round (each from runs a few seconds apart, so a change in what
    # else the machine runs moves both sides), and their medians.
    def per_round(a, b, field):
        return [x[field] / y[field] for x, y in zip(times[a], times[b])]

    for name, ratios in (
            ("module 2 threads / 1 thread, wall", per_round("module, 1 thread", "module, 2 threads", 0)),
            (f"the same, {BATCH} files a task", per_round("module, 1 thread", BATCHED, 0)),
            ("module 1 thread / cli -j1, wall", per_round("cli -j1", "module, 1 thread", 0))):
        print(f"{name}, by round: " + " ".join(f"{r:.2f}" for r in ratios) +
              f"; median {statistics.median(ratios):.2f}")
    # The CPU seconds say what each call costs whatever else the machine runs (a shared
    # machine's stolen time stretches the wall clock, not the CPU time); the CLI's include its
    # start (rules compiled) and its feeder and writer threads.
    per_doc = (cpu["module, 1 thread"] - cpu["cli -j1"]) / len(files) * 1e6
    print(f"CPU the module adds per document: {per_doc:.0f} us "
          f"(of {cpu['module, 1 thread'] / len(files) * 1e6:.0f} us)")
    print("\nall runs (label: wall/CPU seconds):")
    for label, values in times.items():
        print(f"  {label}: " + " ".join(f"{w:.2f}/{c:.2f}" for w, c in values))

if __name__ == "__main__":
    main()

"""What a thread pool costs around `Cleaner.clean`, apart from reading files.

    PYTHONPATH=build/release/python python3 bench/python_pool.py CORPUS_DIR [RUNS]

Holds the corpus's files in memory and cleans them all, RUNS interleaved rounds (default 3),
in six ways: a loop on the main thread; the same loop on one `threading.Thread`; two threads
given half each; a `ThreadPoolExecutor` of one and of two, one document a task; and a pool of
one running no-op tasks. Prints the medians of wall and CPU seconds.
"""

import statistics
import sys
import threading
import time
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import corpus_clean
from python_threads import corpus_files


def main():
    corpus = Path(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    documents = [(path.read_bytes(), str(path)) for path in corpus_files(corpus)]
    warnings.simplefilter("ignore", corpus_clean.CleanWarning)
    cleaner = corpus_clean.Cleaner()

    def one(document):
        return cleaner.clean(document[0], path=document[1])

    def loop(records, part):
        records.extend(one(document) for document in part)

    def on_threads(parts):
        records = [[] for _ in parts]
        threads = [threading.Thread(target=loop, args=(r, p)) for r, p in zip(records, parts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return [record for part in records for record in part]

    def in_pool(workers, task):
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(task, documents))

    half = len(documents) // 2
    ways = {
        "main thread": lambda: [one(document) for document in documents],
        "1 Thread": lambda: on_threads([documents]),
        "2 Threads, half each": lambda: on_threads([documents[:half], documents[half:]]),
        "pool of 1": lambda: in_pool(1, one),
        "pool of 2": lambda: in_pool(2, one),
        "pool of 1, no-op tasks": lambda: in_pool(1, lambda document: document),
    }
    ways["main thread"]()  # first-use tables warm
    times = {label: [] for label in ways}
    for _ in range(runs):
        for label, way in ways.items():
            started, cpu = time.perf_counter(), time.process_time()
            records = way()
            times[label].append((time.perf_counter() - started, time.process_time() - cpu))
            assert len(records) == len(documents)
    print(f"{len(documents)} documents in memory; medians of {runs} rounds")
    print(f"{'':24} {'seconds':>8} {'CPU s':>7} {'us/doc':>7}")
    for label, values in times.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        print(f"{label:24} {wall:8.3f} {cpu:7.3f} {cpu / len(documents) * 1e6:7.0f}")


if __name__ == "__main__":
    main()

# One Cleaner shared by threads: the same records as one thread, in order; the GIL is released
# while the library works (another thread runs meanwhile), so threads use every core. The
# speed-up itself is measured by bench/python.sh, not here.
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import corpus_clean
from conftest import SOURCE_DIR


def documents():
    files = sorted((SOURCE_DIR / "tests/corpus").rglob("*.md")) + sorted((SOURCE_DIR / "seeds").iterdir())
    return [(str(f), f.read_bytes()) for f in files]


def test_a_shared_cleaner_gives_each_thread_the_records_of_one_thread():
    docs = documents()
    cleaner = corpus_clean.Cleaner()
    expected = [cleaner.clean(data, path=path) for path, data in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(2):
            got = list(pool.map(lambda d: cleaner.clean(d[1], path=d[0]), docs))
            assert [r["id"] for r in got] == [r["id"] for r in expected]
            assert got == expected


def test_module_clean_is_safe_from_threads():
    docs = documents()[:20]
    expected = [corpus_clean.clean(data, path=path) for path, data in docs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda d: corpus_clean.clean(d[1], path=d[0]), docs)) == expected


def long_document(cleaner, seconds):
    """A document that takes the library at least `seconds` to clean here."""
    paragraph = "<p>" + "中欧班列累计开行七千三百列，同比增长百分之十，运输货物品类不断丰富。" * 20 + "</p>\n"
    body = paragraph * 50
    while True:
        started = time.perf_counter()
        cleaner.clean(body)
        if time.perf_counter() - started >= seconds:
            return body
        body += body


def test_the_gil_is_released_while_a_document_is_cleaned():
    cleaner = corpus_clean.Cleaner()
    body = long_document(cleaner, 0.5)
    ticks = 0
    done = threading.Event()

    def tick():
        nonlocal ticks
        while not done.is_set():
            time.sleep(0.001)  # gives the GIL up; takes it again to go on
            ticks += 1

    ticker = threading.Thread(target=tick)
    ticker.start()
    time.sleep(0.02)
    before = ticks
    started = time.perf_counter()
    cleaner.clean(body)
    seconds = time.perf_counter() - started
    during = ticks - before
    done.set()
    ticker.join()
    # Holding the GIL, clean() would let the ticker run only when it starts and ends (a tick or
    # two, however long it takes); released, the ticker ticks all along (about once a
    # millisecond: hundreds of times in the half second the call took when it was measured).
    assert during >= 10, f"{during} ticks in {seconds:.2f} s"

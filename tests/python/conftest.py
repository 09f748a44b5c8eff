# Shared by the Python tests: where the CLI and the inputs are, and the CLI's own answer for a
# document, to compare the module with. Run by tests/python/run.sh (ctest's `python` test).
import json
import os
import subprocess
import tempfile
from pathlib import Path

import pytest

import corpus_clean

SOURCE_DIR = Path(os.environ.get("CORPUS_CLEAN_SOURCE_DIR", Path(__file__).parents[2]))
SHARED_CORPUS = Path(os.environ.get("CORPUS_CLEAN_SHARED_CORPUS", SOURCE_DIR / "../shared/corpus"))


@pytest.fixture(scope="session")
def cli():
    path = os.environ.get("CORPUS_CLEAN_CLI")
    if not path:
        pytest.fail("CORPUS_CLEAN_CLI names no corpus-clean binary (tests/python/run.sh sets it)")
    return path


@pytest.fixture(autouse=True)
def in_source_dir(monkeypatch):
    # Paths such as seeds/000_….txt are given relative to the checkout, as the CLI's users do.
    monkeypatch.chdir(SOURCE_DIR)


def cli_run(cli, *args, stdin=None):
    """Runs the CLI; returns (exit status, stdout bytes, stderr text, error records)."""
    with tempfile.TemporaryDirectory() as tmp:
        errors = Path(tmp) / "errors.jsonl"  # not made by a run that stops at its options
        done = subprocess.run([cli, "--errors", str(errors), *args], input=stdin,
                              capture_output=True, check=False)
        error_records = ([json.loads(line) for line in errors.read_text().splitlines()]
                         if errors.exists() else [])
    return done.returncode, done.stdout, done.stderr.decode("utf-8", "surrogateescape"), error_records


def cli_warnings(stderr, path):
    """The warnings the CLI printed for PATH, as CleanWarning says them ("PATH: what")."""
    prefix = f"corpus-clean: {path}: warning: "
    return [f"{path}: {line[len(prefix):]}" for line in stderr.splitlines()
            if line.startswith(prefix)]


def line_of(record):
    """A record as the CLI writes it: one line of JSON, CJK unescaped."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def outcome_of(call):
    """("record", line), ("dropped", b"") or ("error", the error record) for one call."""
    try:
        record = call()
        return ("dropped", b"") if record is None else ("record", line_of(record))
    except corpus_clean.Error as error:
        return "error", {"path": error.path, "stage": error.stage, "code": error.code,
                         "message": error.message}


def cli_outcome(cli, path, *args):
    """("record", line) or ("error", the error record) of `corpus-clean ARGS PATH`."""
    status, out, _, errors = cli_run(cli, "--quiet", *args, str(path))
    if errors:
        assert status == 1, path
        return "error", errors[0]
    assert status == 0, f"{path}: exit {status}"
    return "record", out

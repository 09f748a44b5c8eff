# The type stubs are the module: mypy's stubtest finds no argument, default or name of the
# extension that _core.pyi says otherwise, and mypy, given the installed package, types a
# record's fields. Skipped without mypy (Debian package python3-mypy).
import os
import subprocess
import sys
from pathlib import Path

import pytest

import corpus_clean

pytest.importorskip("mypy", reason="mypy is not installed (Debian package python3-mypy)")
PACKAGE_DIR = str(Path(corpus_clean.__file__).parents[1])


def mypy(*args, cwd=None):
    # On PYTHONPATH, not MYPYPATH: mypy then takes the package as installed, by its py.typed.
    env = dict(os.environ, PYTHONPATH=PACKAGE_DIR)
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, env=env,
                          cwd=cwd)


def test_stubtest_finds_the_stubs_true_to_the_module(tmp_path):
    allowlist = Path(__file__).with_name("stubtest-allowlist.txt")
    done = mypy("mypy.stubtest", "corpus_clean", "--allowlist", str(allowlist), cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_types_the_api_from_the_stubs(tmp_path):
    program = tmp_path / "use.py"
    program.write_text(
        "import corpus_clean\n"
        "record = corpus_clean.clean(b'', path='a.md')\n"
        "assert record is not None\n"  # None when a filter drops the document
        "chars: int = record['chars']\n"
        "title: str = record['title']\n"  # Optional[str]: an error
        "corpus_clean.Cleaner(rules=['a.yaml'], simplified=True).clean('x', url='https://a.cn')\n"
        "corpus_clean.normalize(1)\n"  # not a str: an error
        "error: corpus_clean.Error\n"
        "code: str = error.code\n")
    done = mypy("mypy", "--no-incremental", "--cache-dir", os.devnull, str(program), cwd=tmp_path)
    errors = [line for line in done.stdout.splitlines() if ": error:" in line]
    assert [line.split(":")[1] for line in errors] == ["5", "7"], done.stdout

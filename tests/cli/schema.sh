#!/usr/bin/env bash
# Every record of a seeds run validates against docs/record.schema.json, with and without the
# optional minhash key (--fingerprint).
set -euo pipefail
bin=$1
python=/usr/bin/python3
[ -x "$python" ] || python=python3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin" --quiet seeds/ -o "$out"
"$python" tests/validate_schema.py docs/record.schema.json "$out"
"$bin" --quiet --fingerprint seeds/ -o "$out"
grep -q '"minhash":"mh1:5:256:' "$out"
"$python" tests/validate_schema.py docs/record.schema.json "$out"

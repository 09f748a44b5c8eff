#!/usr/bin/env bash
# File names that are not UTF-8: the record's id and path keep every byte (each invalid byte as
# \udc80..\udcff, as Python's surrogateescape reads them), the line is still JSON that the
# schema accepts, the --errors log names the file the same way, and --shard hashes the raw
# bytes. Each check says in one line what it shows.
# Usage: tests/cli/ids.sh PATH/TO/corpus-clean   (run from the source tree)
set -uo pipefail
bin=$1
python=/usr/bin/python3
[ -x "$python" ] || python=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
export LC_ALL=C

dir=$tmp/names
mkdir "$dir"
cp seeds/000_847a8487eada5079.txt "$dir/$(printf 'bad\xff.md')"
cp seeds/001_8115ea56f20be9c7.txt "$dir/$(printf 'gbk\xd0\xc2\xce\xc5.md')"
cp seeds/002_ad880c8de21a5870.txt "$dir/ok.md"
printf -- '---\ntitle: [\n---\nbody\n' >"$dir/$(printf 'broken\xfe.md')"

"$bin" -q "$dir" -o "$tmp/out.jsonl" --errors "$tmp/errors.jsonl" 2>"$tmp/stderr"
check "names that are not UTF-8: three records, one error (exit 1)" \
  test $? -eq 1 -a "$(wc -l <"$tmp/out.jsonl")" -eq 3 -a "$(wc -l <"$tmp/errors.jsonl")" -eq 1
check "the invalid bytes are written as \\udcXX escapes" \
  grep -qF '"id":"bad\udcff.md"' "$tmp/out.jsonl"
check "... and none is replaced by U+FFFD" bash -c "! grep -q $'\\xef\\xbf\\xbd' '$tmp/out.jsonl'"
check "standard error names the file with its own bytes" grep -q "$(printf 'broken\xfe.md'): front matter" "$tmp/stderr"

# What Python makes of each line: the id, encoded back with surrogateescape, must be a name in
# the directory, and the path a file that exists.
round_trip() {  # round_trip FILE KEY: every line's KEY names an existing file, byte for byte
  "$python" - "$1" "$2" "$dir" <<'PY'
import json, os, sys
path, key, root = sys.argv[1], sys.argv[2], os.fsencode(sys.argv[3])
names = set(os.listdir(root))
for line in open(path, encoding="utf-8"):
    value = json.loads(line)[key].encode("utf-8", "surrogateescape")
    if key == "id" and value not in names:
        sys.exit(f"{value!r} is not a name in the directory")
    if key == "path" and not os.path.isfile(value):
        sys.exit(f"{value!r} is not a file")
PY
}
check "a record's id round-trips to the original bytes (json.loads + surrogateescape)" \
  round_trip "$tmp/out.jsonl" id
check "a record's path round-trips to the file" round_trip "$tmp/out.jsonl" path
check "the --errors log's path round-trips to the file" round_trip "$tmp/errors.jsonl" path
check "the records still validate against the JSON Schema" \
  bash -c "'$python' tests/validate_schema.py docs/record.schema.json '$tmp/out.jsonl' >/dev/null"
check "jq still reads every line" bash -c "jq -e -s 'length == 3' '$tmp/out.jsonl' >/dev/null"

if command -v xxhsum >/dev/null 2>&1; then
  # shard = xxh3-64 of the id's raw bytes mod N, plus one (as tests/cli/parallel.sh has it).
  shard_of() {  # shard_of BYTES N
    local hex
    hex=$(printf %s "$1" | xxhsum -H3 - | awk '{print $NF}')
    echo $(((((16#${hex:0:8} % $2) * (4294967296 % $2) + 16#${hex:8:8} % $2) % $2) + 1))
  }
  wrong=0
  for k in 1 2 3; do
    "$bin" -q --shard "$k/3" "$dir" -o "$tmp/shard-$k.jsonl" 2>/dev/null
    while IFS= read -r -d '' id; do
      [ "$(shard_of "$id" 3)" -eq "$k" ] || wrong=$((wrong + 1))
    done < <("$python" -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    sys.stdout.buffer.write(json.loads(line)["id"].encode("utf-8", "surrogateescape") + b"\0")
' "$tmp/shard-$k.jsonl")
  done
  check "--shard: each name where xxh3-64 of its raw bytes puts it" test "$wrong" -eq 0
  check "--shard 1..3 of 3: the three records once between them" \
    test "$(cat "$tmp"/shard-[123].jsonl | wc -l)" -eq 3
else
  skip "--shard on raw bytes" "xxhsum is not installed: Debian package xxhash"
fi

finish ids

#!/usr/bin/env bash
# Command-line behaviour: each check says in one line what it shows.
# Usage: tests/cli/run.sh PATH/TO/corpus-clean   (run from the source tree)
set -uo pipefail
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

# Runs corpus-clean, keeping stdout, stderr and the exit status.
run() {
  "$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
  echo $? >"$tmp/status"
}
status() { [ "$(cat "$tmp/status")" = "$1" ]; }
stderr_has() { grep -qF -- "$1" "$tmp/stderr"; }
lines() { [ "$(wc -l <"$1")" -eq "$2" ]; }

run seeds/ -o "$tmp/out.jsonl"
check "seeds: exit 0" status 0
check "seeds: five records" lines "$tmp/out.jsonl" 5
check "seeds: every line is a JSON object" \
  bash -c "while read -r l; do printf '%s' \"\$l\" | jq -e 'type == \"object\"' >/dev/null || exit 1; done <'$tmp/out.jsonl'"
check "seeds: CJK is not escaped" bash -c "! grep -q '\\\\u[0-9a-f]\\{4\\}' '$tmp/out.jsonl' && grep -q '商务部' '$tmp/out.jsonl'"
check "seeds: summary on stderr" stderr_has "5 records, 0 dropped, 0 failed (5 inputs)"

run seeds/
check "stdout is the default output" lines "$tmp/stdout" 5


run seeds/ missing.md -o "$tmp/x.jsonl"
check "missing input: exit 1" status 1
check "missing input: the others are still written" lines "$tmp/x.jsonl" 5
check "missing input: named on stderr" stderr_has "corpus-clean: missing.md: no such file or directory"

run --bogus
check "unknown option: exit 2" status 2
check "unknown option: one line on stderr" lines "$tmp/stderr" 1

run
check "no input: exit 2" status 2
check "no input: says so" stderr_has "no input"

run --help
check "--help: exit 0" status 0
check "--help shows examples" grep -q "Examples:" "$tmp/stdout"

run --version
check "--version names the tool" grep -q "^corpus-clean [0-9]" "$tmp/stdout"

ls seeds/* | "$bin" --files-from - -o "$tmp/ff.jsonl" 2>/dev/null
check "--files-from -: reads paths from stdin" lines "$tmp/ff.jsonl" 5
ls seeds/* >"$tmp/list.txt"
run --files-from "$tmp/list.txt" -o "$tmp/ff2.jsonl"
check "--files-from FILE" lines "$tmp/ff2.jsonl" 5
check "--files-from: ids are the paths given" bash -c "jq -r .id '$tmp/ff2.jsonl' | head -1 | grep -q '^seeds/000_'"

printf -- '---\ntitle: a\nno end\n' >"$tmp/bad.md"
printf -- '---\ntitle: [a\n---\nbody\n' >"$tmp/badyaml.md"
printf 'ok\n' >"$tmp/good.md"
run "$tmp/bad.md" "$tmp/badyaml.md" "$tmp/good.md" -o "$tmp/mixed.jsonl" --errors "$tmp/errors.jsonl"
check "bad files: exit 1" status 1
check "bad files: the good one is written" lines "$tmp/mixed.jsonl" 1
check "unterminated front matter: named with the line" stderr_has "$tmp/bad.md: front matter opened with '---' at line 1 is never closed"
check "YAML error: line and column" bash -c "grep -F '$tmp/badyaml.md: front matter:' '$tmp/stderr' | grep -q 'at line [0-9]*:[0-9]*'"
check "--errors: one JSON line per failed input" lines "$tmp/errors.jsonl" 2
check "--errors: stage and code" bash -c "jq -s -e 'any(.[]; .code == \"unterminated_front_matter\" and .stage == \"front_matter\")' '$tmp/errors.jsonl' >/dev/null"
run "$tmp/bad.md" "$tmp/good.md" --errors -
check "--errors - with records on stdout: a usage error" status 2
check "--errors - with records on stdout: says why" stderr_has "--errors - and the records would both go to standard output"
check "--errors - with records on stdout: nothing written" lines "$tmp/stdout" 0
run "$tmp/bad.md" "$tmp/good.md" --errors - -o "$tmp/e.jsonl"
check "--errors - with -o FILE: the error lines on stdout" bash -c "jq -e '.code == \"unterminated_front_matter\"' '$tmp/stdout' >/dev/null"

run seeds/ -o "$tmp/nodir/out.jsonl"
check "unwritable output: exit 3" status 3

printf -- '---\ntitle: x\n---\n<p>a</p>\n' >"$tmp/strict1.md"
run "$tmp/bad.md" "$tmp/strict1.md" --strict -o "$tmp/strict.jsonl"
check "--strict: exit 1" status 1
check "--strict: no output file" test ! -e "$tmp/strict.jsonl"

cat >"$tmp/user-rules.yaml" <<'YAML'
sites:
  - site: my-wire
    match: {front_matter: {author: [My Wire]}}
    rules:
      - drop_block: '^Advertisement$'
        why: the wire's ad slot
YAML
printf -- '---\ntitle: T\nauthor: My Wire\n---\n<p>正文。</p><p>Advertisement</p>\n' >"$tmp/wire.md"
run --rules "$tmp/user-rules.yaml" "$tmp/wire.md" -o "$tmp/wire.jsonl"
check "--rules: a user file adds a site" bash -c "jq -e '.site == \"my-wire\" and .text == \"正文。\"' '$tmp/wire.jsonl' >/dev/null"

printf 'generic:\n  rules:\n    - drop_block: \x27(unclosed\x27\n      why: broken\n' >"$tmp/bad-rules.yaml"
run --rules "$tmp/bad-rules.yaml" seeds/ -o "$tmp/never.jsonl"
check "--rules with a bad pattern: exit 2" status 2
check "--rules with a bad pattern: names file, line and problem" stderr_has "$tmp/bad-rules.yaml:3: bad pattern '(unclosed'"
check "--rules with a bad pattern: no output" test ! -e "$tmp/never.jsonl"

run --rules "$tmp/missing-rules.yaml" seeds/
check "--rules with a missing file: exit 2" status 2

run --explain seeds/000_847a8487eada5079.txt -o "$tmp/explain.jsonl"
check "--explain: says which rule dropped what" stderr_has "explain: drop_element [sina div.appendQr_wrap]"
check "--explain: says which rule harvested what" stderr_has "explain: harvest [generic rules/default.yaml:"

cat >"$tmp/greedy-rules.yaml" <<'YAML'
generic:
  rules:
    - drop_block: '^广告'
      why: an ad slot
YAML
printf -- '---\ntitle: T\n---\n<p>广告：买一送一，今日特价，欢迎选购。</p><p>广告：买一送一，今日特价。</p><p>正文。</p>\n' >"$tmp/greedy.md"
run --rules "$tmp/greedy-rules.yaml" "$tmp/greedy.md" seeds/000_847a8487eada5079.txt -o "$tmp/greedy.jsonl" --stats "$tmp/greedy-stats.json"
check "rules removing over half of a text: a warning naming the rule" stderr_has "greedy.md: warning: the rules removed 91% of the text (31 of 34 characters), most by drop_block [generic $tmp/greedy-rules.yaml:3] an ad slot"
check "rules removing over half of a text: no warning for the other document" bash -c "! grep -q '000_847a8487eada5079.txt: warning' '$tmp/stderr'"
check "--stats: counts the documents the rules took over half the text from" bash -c "jq -e '.rules_removed_over_half == 1' '$tmp/greedy-stats.json' >/dev/null"

printf -- '---\ntitle: T\n---\n风险提示：宏观经济下行。\n\n正文第一段，讲述了报告的主要内容和结论。\n\n正文第二段，讲述了报告的主要内容和结论。\n' >"$tmp/risk.md"
run --explain "$tmp/risk.md" -o "$tmp/risk.jsonl"
check "--explain: a cut that would remove most of the text says it was not applied" stderr_has "explain: cut [generic rules/default.yaml:"
check "--explain: ... and why" stderr_has "not applied, it would remove 100% of the text"
check "a cut that would remove most of the text: the text stays" bash -c "jq -e '.text | startswith(\"风险提示\")' '$tmp/risk.jsonl' >/dev/null"

finish cli

#!/usr/bin/env bash
# An interrupted run leaves nothing behind: SIGINT, SIGTERM and SIGHUP half a second into a run
# of 20,000 generated posts to -o x.jsonl and to -o x.jsonl.zst end it with 128 + the signal's
# number, and no file is left beside x; a signal the caller ignores (nohup) stays ignored.
# Each check says in one line what it shows.
# Usage: tests/cli/signals.sh PATH/TO/corpus-clean PATH/TO/make_corpus SHARED_CORPUS
set -uo pipefail
bin=$1 make_corpus=$2 shared=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"

source_dir=$shared
[ -d "$source_dir" ] || source_dir=tests/corpus
"$make_corpus" "$source_dir" "$tmp/corpus" 20000 5 >/dev/null

# Job control, so that the runs started in the background do not start with SIGINT ignored
# (as a script's background jobs otherwise do) and get it as a Ctrl-C would give it.
set -m
out=$tmp/out

# interrupt SIGNAL NAME [TIMES]: starts a run writing $out/NAME, sends SIGNAL (TIMES times in a
# row) at 0.5 s, and sets $status (its exit status), $midway (what was in $out just before the
# signal) and $left (what is in $out afterwards). On a loaded machine the run may not have
# created its output by 0.5 s: the signal then waits for it (10 s at most).
interrupt() {
  rm -rf "$out"
  mkdir "$out"
  "$bin" -q -j2 "$tmp/corpus" -o "$out/$2" &
  local pid=$! k
  sleep 0.5
  for ((k = 0; k < 100; k++)); do
    [ -n "$(ls -A "$out")" ] && break
    sleep 0.1
  done
  midway=$(ls -A "$out")
  for ((k = 0; k < ${3:-1}; k++)); do
    kill -s "$1" "$pid" 2>/dev/null
  done
  wait "$pid" 2>/dev/null  # without the shell's "Interrupt" line for the job
  status=$?
  left=$(ls -A "$out")
  echo "SIG$1 x${3:-1} at 0.5 s, -o $2: exit $status; in the directory before: ${midway:-nothing}; after: ${left:-nothing}"
}

for output in x.jsonl x.jsonl.zst; do
  for signal in INT:130 TERM:143 HUP:129; do
    name=${signal%:*} expected=${signal#*:}
    interrupt "$name" "$output"
    check "SIG$name, -o $output: the run was writing its temporary file" \
      grep -q "^\.$output\.tmp-" <<<"$midway"
    check "SIG$name, -o $output: exit $expected" test "$status" -eq "$expected"
    check "SIG$name, -o $output: nothing left beside x" test -z "$left"
  done
done

# The second signal can arrive while the first one's handler runs, on the same thread or on
# another: a race, so it is run several times.
for round in 1 2 3 4 5; do
  interrupt INT x.jsonl 2
  check "SIGINT twice in a row ($round): exit 130" test "$status" -eq 130
  check "SIGINT twice in a row ($round): nothing left beside x" test -z "$left"
done

# Under nohup SIGHUP is ignored, and stays so: the run goes on to the end.
rm -rf "$out" && mkdir "$out"
bash -c 'trap "" HUP; exec "$@"' _ "$bin" -q -j2 "$tmp/corpus/0" -o "$out/nohup.jsonl" &
pid=$!
sleep 0.3
kill -s HUP "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
check "SIGHUP ignored (nohup): the run goes on, exit 0" test $? -eq 0
check "SIGHUP ignored (nohup): the output is complete" test "$(wc -l <"$out/nohup.jsonl")" -eq 1000

# A run that is not interrupted still puts its output in place.
"$bin" -q -j2 "$tmp/corpus/0" -o "$out/done.jsonl"
check "an uninterrupted run still writes its output" test "$(wc -l <"$out/done.jsonl")" -eq 1000

finish signals

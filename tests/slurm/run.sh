#!/usr/bin/env bash
# Slurm: a one-node cluster on this machine (slurmctld and slurmd for localhost, munge with its
# own key and socket, everything in a temporary directory, stopped whatever happens), a 4-task
# job array of scripts/slurm-array.sh over a generated corpus, and its merged parts equal to a
# single run's records. Exit 77 (skipped), saying why, when not root, when Slurm or munge is
# not installed, or when the daemons cannot start here.
# Usage: tests/slurm/run.sh PATH/TO/corpus-clean PATH/TO/make_corpus SHARED_CORPUS_DIR
set -uo pipefail
bin=$(realpath "$1") make_corpus=$2 shared=$3
src=$(cd "$(dirname "$0")/../.." && pwd)
skip_all() {
  echo "skip: the Slurm job array ($1)"
  exit 77
}
[ "$(id -u)" -eq 0 ] || skip_all "slurmd runs jobs as their users only when root: run as root"
for tool in slurmctld slurmd sbatch squeue sinfo scontrol munged mungekey; do
  command -v "$tool" >/dev/null 2>&1 ||
    skip_all "$tool is not installed: Debian packages slurm-wlm and munge (scripts/setup.sh)"
done

tmp=$(mktemp -d)
chmod 755 "$tmp"  # munged and slurmd look at the permissions on the way to their files
pids=()
stop() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap stop EXIT
export LC_ALL=C
. "$src/tests/cli/lib.sh"

# A port nobody listens on, from the kernel.
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# The last lines of a daemon's log, to say why it did not start.
why() { tail -n 3 "$1" 2>/dev/null | tr '\n' ' '; }

# --- munge: a key and a socket of our own ---------------------------------------------------

mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/out"
chmod 755 "$tmp/munge"  # munged: the socket's directory open to all, writable by root only
mungekey --create --keyfile="$tmp/munge/munge.key" 2>"$tmp/mungekey.log" ||
  skip_all "mungekey cannot make a key: $(why "$tmp/mungekey.log")"
socket=$tmp/munge/munge.socket
munged --foreground --key-file="$tmp/munge/munge.key" --socket="$socket" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/munge/munged.log" \
  --seed-file="$tmp/munge/munged.seed" --num-threads=2 2>>"$tmp/munge/munged.log" &
pids+=($!)
for _ in $(seq 50); do
  [ -S "$socket" ] && break
  sleep 0.1
done
[ -S "$socket" ] || skip_all "munged did not start: $(why "$tmp/munge/munged.log")"

# --- slurmctld and slurmd for localhost -----------------------------------------------------

export SLURM_CONF=$tmp/slurm.conf
cpus=$(nproc)
cat >"$SLURM_CONF" <<EOF
ClusterName=corpus-clean-test
SlurmctldHost=localhost
SlurmctldPort=$(free_port)
SlurmdPort=$(free_port)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=10 State=UP
EOF
slurmctld -D -i -f "$SLURM_CONF" >>"$tmp/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >>"$tmp/slurmd.log" 2>&1 &
pids+=($!)
state=""
for _ in $(seq 100); do
  state=$(sinfo -h -N -o %t 2>/dev/null)
  [ "$state" = idle ] && break
  sleep 0.2
done
[ "$state" = idle ] ||
  skip_all "the node did not come up (${state:-no answer}): slurmctld: $(why "$tmp/slurmctld.log") slurmd: $(why "$tmp/slurmd.log")"
echo "slurm: $(sinfo -V), one node of $cpus CPUs up"

# --- a 4-task array over a generated corpus, against a single run ---------------------------

source_dir=$shared
[ -d "$source_dir" ] || source_dir=$src/tests/corpus
n=200
"$make_corpus" "$source_dir" "$tmp/corpus" "$n" 7 >/dev/null
"$bin" --quiet "$tmp/corpus" -o "$tmp/single.jsonl"
check "a single run: one record per input" [ "$(wc -l <"$tmp/single.jsonl")" -eq "$n" ]

# sbatch --wait returns when every task has ended, with the highest exit status among them.
(cd "$tmp/out" && CORPUS_CLEAN=$bin timeout 120 sbatch --wait --quiet --array=1-4 \
  --cpus-per-task=1 --export=ALL "$src/scripts/slurm-array.sh" "$tmp/corpus" "$tmp/out") \
  >"$tmp/sbatch.log" 2>&1
check "sbatch --wait --array=1-4 scripts/slurm-array.sh: every task exits 0" [ $? -eq 0 ] ||
  { cat "$tmp/sbatch.log"; cat "$tmp"/out/slurm-*.out 2>/dev/null; why "$tmp/slurmctld.log"; }
check "the array wrote 4 parts" [ "$(ls "$tmp"/out/part-*.jsonl 2>/dev/null | wc -l)" -eq 4 ]
for k in 1 2 3 4; do
  check "task $k wrote a part that is not empty" [ -s "$tmp/out/part-0000$k.jsonl" ]
  check "task $k's part is shard $k/4" \
    cmp -s "$tmp/out/part-0000$k.jsonl" <("$bin" --quiet --shard "$k/4" "$tmp/corpus")
done
cat "$tmp"/out/part-*.jsonl | sort >"$tmp/merged.sorted"
check "the merged parts = a single run's records" cmp -s "$tmp/merged.sorted" \
  <(sort "$tmp/single.jsonl")
check "the tasks' stats count every input as a record, none failed" \
  bash -c "cat '$tmp'/out/stats-*.json | jq -s -e 'map(.records) | add == $n' >/dev/null &&
           cat '$tmp'/out/stats-*.json | jq -s -e 'map(.failed) | add == 0' >/dev/null"

# Indices that do not start at 1 give the same shards.
rm -f "$tmp"/out/*
(cd "$tmp/out" && CORPUS_CLEAN=$bin timeout 120 sbatch --wait --quiet --array=0-3 \
  --export=ALL "$src/scripts/slurm-array.sh" "$tmp/corpus" "$tmp/out") >"$tmp/sbatch.log" 2>&1
check "--array=0-3: every task exits 0" [ $? -eq 0 ] || cat "$tmp/sbatch.log"
cat "$tmp"/out/part-*.jsonl 2>/dev/null | sort >"$tmp/merged.sorted"
check "--array=0-3: the merged parts = a single run's records" cmp -s "$tmp/merged.sorted" \
  <(sort "$tmp/single.jsonl")

# An array with a step is refused rather than leaving shards out.
(cd "$tmp/out" && CORPUS_CLEAN=$bin timeout 60 sbatch --wait --quiet --array=1-7:2 \
  --export=ALL "$src/scripts/slurm-array.sh" "$tmp/corpus" "$tmp/out-step") >/dev/null 2>&1
check "--array=1-7:2 is refused: the tasks fail" [ $? -ne 0 ]
check "--array=1-7:2 writes no part" [ ! -e "$tmp/out-step" ]

finish slurm

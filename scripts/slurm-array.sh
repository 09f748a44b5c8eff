#!/usr/bin/env bash
# One task of a Slurm job array over a corpus: task K of N cleans shard K/N of it.
#
#   sbatch --array=1-16 --cpus-per-task=8 scripts/slurm-array.sh CORPUS OUTDIR [OPTION...]
#
# CORPUS is an input of corpus-clean (a directory, say) on a file system every node sees.
# Task K writes its records to OUTDIR/part-K.jsonl (K written 00001, so that the parts sort in
# order), its error records to OUTDIR/errors-K.jsonl and its --stats to OUTDIR/stats-K.json.
# The options after OUTDIR go to corpus-clean as they are (--min-chars 200, --rules my.yaml);
# PART_SUFFIX=.jsonl.zst compresses the parts. N is the array's size and K the task's place in
# it, whatever the first index (--array=0-15 works too); the array must be one run of
# consecutive indices (no step, no list). A task uses the CPUs Slurm gave it
# (-j SLURM_CPUS_PER_TASK, else one thread).
#
# Exit status: a task fails only when corpus-clean cannot do its job (a usage error, an output
# that cannot be written: 2 and 3); inputs that fail (1) are in its errors-K.jsonl, and
# running the task again would fail them again. The parts hold disjoint records whose union is
# a single run's: merge them with `cat OUTDIR/part-*.jsonl` (docs/scale-out.md).
#
# CORPUS_CLEAN names the program (default: corpus-clean on PATH).
#SBATCH --job-name=corpus-clean
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: sbatch --array=1-N $0 CORPUS OUTDIR [OPTION...]" >&2
  exit 2
fi
corpus=$1 outdir=$2
shift 2
if [ -z "${SLURM_ARRAY_TASK_ID:-}" ] || [ -z "${SLURM_ARRAY_TASK_COUNT:-}" ]; then
  echo "$0: not a task of a job array: submit it with sbatch --array=1-N" >&2
  exit 2
fi
min=${SLURM_ARRAY_TASK_MIN:-1} max=${SLURM_ARRAY_TASK_MAX:-$SLURM_ARRAY_TASK_ID}
count=$SLURM_ARRAY_TASK_COUNT
if [ $((max - min + 1)) -ne "$count" ]; then
  echo "$0: the array must be consecutive indices (it has $count tasks from $min to $max)" >&2
  exit 2
fi
k=$((SLURM_ARRAY_TASK_ID - min + 1))
K=$(printf %05d "$k")
mkdir -p "$outdir"

status=0
"${CORPUS_CLEAN:-corpus-clean}" "$corpus" --shard "$k/$count" -j "${SLURM_CPUS_PER_TASK:-1}" \
  --quiet --errors "$outdir/errors-$K.jsonl" --stats "$outdir/stats-$K.json" \
  -o "$outdir/part-$K${PART_SUFFIX:-.jsonl}" "$@" || status=$?
if [ "$status" -eq 1 ]; then
  echo "$0: shard $k/$count: some inputs failed, see $outdir/errors-$K.jsonl" >&2
  exit 0
fi
exit "$status"

#!/usr/bin/env bash
# One sweep spread over a Slurm job array: task i runs shard i+1 of N into its own folder, then one dependent job
# merges the parts. Submit from the repository root (where `crossbar` and the sweep file are reachable):
#
#   SWEEP=experiments/sweeps/baseline-lr.yaml N=4 experiments/sweeps/slurm-array.sh
#
# The script submits itself twice: once as the array (SWEEP_STAGE=shard) and once as the merge (SWEEP_STAGE=merge,
# afterany: it merges whatever the shards finished; re-submitting re-runs only unfinished points, see README.md).
# Needs a shared filesystem for OUT. Set CROSSBAR to the command that runs the CLI (default: crossbar on PATH).
#SBATCH --job-name=crossbar-sweep
#SBATCH --cpus-per-task=8
#SBATCH --mem=16G
#SBATCH --time=12:00:00
#SBATCH --output=slurm-%x-%A_%a.out
set -euo pipefail

SWEEP=${SWEEP:?set SWEEP to the sweep file, e.g. experiments/sweeps/baseline-lr.yaml}
N=${N:-4}
NAME=$(basename "$SWEEP" .yaml)
OUT=${OUT:-runs/sweeps/$NAME}
CROSSBAR=${CROSSBAR:-crossbar}
DATA_ARGS=()
if [ -n "${CROSSBAR_DATA_DIR:-}" ]; then DATA_ARGS=(--data "$CROSSBAR_DATA_DIR"); fi

case "${SWEEP_STAGE:-submit}" in
  submit)
    export SWEEP N OUT CROSSBAR
    array=$(SWEEP_STAGE=shard sbatch --parsable --array=0-$((N - 1)) --export=ALL "$0")
    SWEEP_STAGE=merge sbatch --parsable --dependency=afterany:"$array" --cpus-per-task=1 --time=00:30:00 \
      --job-name=crossbar-sweep-merge --export=ALL "$0"
    echo "submitted shards as job $array ($N tasks) and a merge after them -> $OUT"
    ;;
  shard)
    i=$((SLURM_ARRAY_TASK_ID + 1))
    # Each task: its own folder, all CPUs Slurm gave it. Re-running a task resumes its unfinished points.
    $CROSSBAR sweep "$SWEEP" --shard "$i/$N" --out "$OUT/shard-$i-of-$N" \
      --parallel "${SLURM_CPUS_PER_TASK:-1}" "${DATA_ARGS[@]}" --quiet
    ;;
  merge)
    parts=()
    for i in $(seq 1 "$N"); do
      if [ -d "$OUT/shard-$i-of-$N" ]; then parts+=("$OUT/shard-$i-of-$N"); fi
    done
    $CROSSBAR sweep merge "$OUT" "${parts[@]}"
    ;;
  *)
    echo "unknown SWEEP_STAGE=$SWEEP_STAGE" >&2
    exit 2
    ;;
esac

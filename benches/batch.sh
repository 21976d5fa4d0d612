#!/usr/bin/env bash
# Batch export against single builds: N tailored builds in one `rescc build --job` (rayon, shared
# fonts and Typst caches) versus N single-job builds run one after another, each its own process.
# Reports wall time per job, CPU use and peak memory (max RSS, from /usr/bin/time).
# Usage: [RESCC_BIN=...] benches/batch.sh [N=50] [RUNS=5]        Targets on 2 cores: N=50 under 0.5 s, 150 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
runs=${2:-5}
# RESCC_BIN=path/to/rescc measures another build (a baseline) instead of this checkout's.
if [ -n "${RESCC_BIN:-}" ]; then
  bin=$(realpath "$RESCC_BIN")
else
  cargo build --release --bin rescc --quiet
  bin=$PWD/target/release/rescc
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# N job files cycling through the three fixture postings; ids come from the file names.
cp fixtures/tagged.yaml "$work/"
mkdir "$work/jobs"
cp fixtures/jobs/data-platform.txt "$work/jobs/"
postings=(acme-payments data-platform platform-k8s)
for i in $(seq -w 1 "$n"); do
  grep -v '^id:' "fixtures/jobs/${postings[$((10#$i % 3))]}.yaml" > "$work/jobs/job-$i.yaml"
done
cd "$work"

# Prints "seconds KiB cpu%" for one command.
measure() {
  /usr/bin/time -f '%e %M %P' "$@" >/dev/null 2>time.txt || { cat time.txt; exit 1; }
  tail -n 1 time.txt
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

: >batch.txt
for _ in $(seq "$runs"); do
  rm -rf out
  measure "$bin" build tagged.yaml --job 'jobs/*.yaml' -q >>batch.txt
done
test "$(find out -name '*.pdf' | wc -l)" -eq "$n"
test "$(find out -name '*.docx' | wc -l)" -eq "$n"

: >single.txt
for job in jobs/job-*.yaml; do
  measure "$bin" build tagged.yaml --job "$job" -o single -q >>single.txt
done

batch_s=$(cut -d' ' -f1 batch.txt | median)
batch_kib=$(cut -d' ' -f2 batch.txt | sort -n | tail -n 1)
batch_cpu=$(cut -d' ' -f3 batch.txt | tr -d % | median)
single_s=$(awk '{ s += $1 } END { print s }' single.txt)
single_kib=$(cut -d' ' -f2 single.txt | sort -n | tail -n 1)
awk -v n="$n" -v b="$batch_s" -v bk="$batch_kib" -v cpu="$batch_cpu" -v s="$single_s" -v sk="$single_kib" -v runs="$runs" 'BEGIN {
  printf "batch   %d jobs in one process: %.3f s wall (median of %d), %.1f ms/job, peak %.0f MiB, CPU %d%%\n", n, b, runs, 1000 * b / n, bk / 1024, cpu
  printf "single  %d processes in a row:  %.3f s wall, %.1f ms/job, peak %.0f MiB\n", n, s, 1000 * s / n, sk / 1024
  printf "batch is %.1fx faster per job\n", s / b
}'

#!/usr/bin/env bash
# Batch export against single builds: N tailored builds in one `rescc build --job` (rayon, shared
# fonts and Typst caches) versus N single-job builds run one after another, each its own process;
# then a batch of LARGE jobs, whose cost per job must not grow and whose memory must stay under
# 200 MiB. Reports wall time per job, CPU use and peak memory (max RSS, from /usr/bin/time).
# Usage: [RESCC_BIN=...] benches/batch.sh [N=50] [RUNS=5] [LARGE=1000]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
runs=${2:-5}
large=${3:-1000}
# RESCC_BIN=path/to/rescc measures another build (a baseline) instead of this checkout's.
source benches/common.sh

# Job files cycling through the three fixture postings; ids come from the file names, and each has
# its own headline, so that every job is a document of its own (no shared rendering).
postings=(acme-payments data-platform platform-k8s)
make_jobs() { # folder count
  mkdir -p "$work/$1"
  cp fixtures/jobs/data-platform.txt "$work/$1/"
  for i in $(seq -w 1 "$2"); do
    grep -v '^id:' "fixtures/jobs/${postings[$((10#$i % 3))]}.yaml" |
      sed "s/^headline: .*/headline: Senior Backend Engineer $i/" >"$work/$1/job-$i.yaml"
  done
}
make_jobs jobs "$n"
make_jobs many "$large"
cd "$work"

# Prints "seconds KiB cpu%" for one command.
measure() {
  /usr/bin/time -f '%e %M %P' "$@" >/dev/null 2>time.txt || { cat time.txt; exit 1; }
  tail -n 1 time.txt
}


# Runs a batch of the job files in $1, RUNS times; prints "median-seconds peak-KiB median-cpu".
batch() {
  : >batch.txt
  for _ in $(seq "$runs"); do
    rm -rf out
    measure "$bin" build tagged.yaml --job "$1/*.yaml" -q >>batch.txt
  done
  test "$(find out -name '*.pdf' | wc -l)" -eq "$2"
  test "$(find out -name '*.docx' | wc -l)" -eq "$2"
  echo "$(cut -d' ' -f1 batch.txt | median) $(cut -d' ' -f2 batch.txt | sort -n | tail -n 1) $(cut -d' ' -f3 batch.txt | tr -d % | median)"
}

read -r batch_s batch_kib batch_cpu <<<"$(batch jobs "$n")"
read -r large_s large_kib _ <<<"$(batch many "$large")"

: >single.txt
for job in jobs/job-*.yaml; do
  measure "$bin" build tagged.yaml --job "$job" -o single -q >>single.txt
done
single_s=$(awk '{ s += $1 } END { print s }' single.txt)
single_kib=$(cut -d' ' -f2 single.txt | sort -n | tail -n 1)
awk -v n="$n" -v b="$batch_s" -v bk="$batch_kib" -v cpu="$batch_cpu" -v s="$single_s" -v sk="$single_kib" -v runs="$runs" \
  -v big="$large" -v l="$large_s" -v lk="$large_kib" 'BEGIN {
  printf "batch   %d jobs in one process: %.3f s wall (median of %d), %.1f ms/job, peak %.0f MiB, CPU %d%%\n", n, b, runs, 1000 * b / n, bk / 1024, cpu
  printf "single  %d processes in a row:  %.3f s wall, %.1f ms/job, peak %.0f MiB\n", n, s, 1000 * s / n, sk / 1024
  printf "batch is %.1fx faster per job\n", s / b
  printf "batch   %d jobs in one process: %.3f s wall (median of %d), %.1f ms/job, peak %.0f MiB\n", big, l, runs, 1000 * l / big, lk / 1024
  growth = (l / big) / (b / n)
  printf "%d jobs cost %.2fx as much per job as %d, in %.0f MiB: %s\n", big, growth, n, lk / 1024, (growth <= 1.2 && lk < 200 * 1024) ? "ok" : "OVER TARGET (per-job cost must not grow; under 200 MiB)"
}'

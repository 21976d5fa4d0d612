#!/usr/bin/env bash
# `rescc match` against posting size: postings of 10 KB, 100 KB and 1 MiB, made by repeating the
# fixture postings' lines in a fixed shuffled order, each matched against the tagged fixture.
# The time per KB beyond a 1 KiB posting's (the process's own start) must stay flat: linear time.
# Prints the median of RUNS runs per size.
# Usage: [RESCC_BIN=...] benches/match.sh [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
# RESCC_BIN=path/to/rescc measures another build (a baseline) instead of this checkout's.
source benches/common.sh

# The posting lines of every fixture job, indented for a block scalar.
lines=$(for job in fixtures/jobs/*.yaml; do sed -n '/^posting: |/,$p' "$job" | tail -n +2; done)
for kib in 1 10 100 1024; do
  {
    printf 'company: Acme Pay\ntitle: Senior Backend Engineer\nposting: |\n'
    size=0
    while [ "$size" -lt $((kib * 1024)) ]; do
      printf '%s\n' "$lines" | awk -v seed="$size" 'BEGIN { srand(seed) } { print rand() "\t" $0 }' | sort -n | cut -f2-
      size=$((size + ${#lines}))
    done
  } | head -c $((kib * 1024 + 200)) | sed '$d' >"$work/p$kib.yaml"
done

cd "$work"
base=
for kib in 1 10 100 1024; do
  ms=$(for _ in $(seq "$runs"); do
    start=$(date +%s%N)
    "$bin" match tagged.yaml "p$kib.yaml" >/dev/null
    echo $(( ($(date +%s%N) - start) / 1000 ))
  done | median | awk '{ print $1 / 1000 }')
  base=${base:-$ms}
  awk -v kib="$kib" -v ms="$ms" -v base="$base" 'BEGIN {
    if (kib == 1) printf "%5d KiB posting: %8.1f ms (the floor: start, resume, lexicon)\n", kib, ms
    else printf "%5d KiB posting: %8.1f ms, %6.3f ms per KiB above the floor\n", kib, ms, (ms - base) / (kib - 1)
  }'
done

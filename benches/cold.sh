#!/usr/bin/env bash
# Whole-process figures from a cold start, the way a user (or a pre-commit hook) runs rescc:
#   - a full build of the 2-page example (PDF, DOCX, checks, verification),
#   - `rescc check` alone,
#   - the floor: a bare Typst compile and PDF export of the same layout and data.
# Wall time with hyperfine (apt-get install hyperfine), peak memory with /usr/bin/time.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bins --examples
out=$(mktemp -d)
target/release/examples/floor --ir fixtures/example.yaml > "$out/example.json"

build="target/release/rescc build fixtures/example.yaml -o $out -q"
check="target/release/rescc check fixtures/example.yaml"
floor="target/release/examples/floor $out/example.json $out/floor.pdf"

hyperfine -N --warmup 3 --runs 30 --export-csv "$out/times.csv" -n build "$build" -n check "$check" -n floor "$floor"
# Columns: command, mean, stddev, median, ... (seconds).
awk -F, '$1 == "build" { b = $4 } $1 == "check" { c = $4 } $1 == "floor" { f = $4 }
  END { printf "medians: build %.1f ms, check %.1f ms, floor %.1f ms; build/floor %.2fx\n", 1000 * b, 1000 * c, 1000 * f, b / f }' "$out/times.csv"
for name in build check floor; do
  cmd=${!name}
  # shellcheck disable=SC2086
  /usr/bin/time -f "$name: %M KiB peak RSS" $cmd >/dev/null 2>"$out/time" || true
  tail -n 1 "$out/time"
done
rm -rf "$out"

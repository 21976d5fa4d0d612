#!/usr/bin/env bash
# Regenerates docs/example.png, the picture of the example resume's first page in the README,
# with rescc's own PNG output.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
cargo run --quiet --release -- build fixtures/example.yaml --format png -o "$out" -q
cp "$out/Priya_Raman_Resume-1.png" docs/example.png
rm -rf "$out"
echo "wrote docs/example.png"

#!/usr/bin/env bash
# Regenerates the sample outputs in README.md (the blocks after `<!-- sample: ... -->`) from
# the current binary; tests/readme.rs fails when they drift.
set -euo pipefail
cd "$(dirname "$0")/.."
RESCC_README_UPDATE=1 cargo test --quiet --test readme -- samples_are_what_the_binary_prints
git --no-pager diff --stat README.md

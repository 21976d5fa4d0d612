# Sourced by the bench scripts: `bin` is the rescc to measure (RESCC_BIN, e.g. a baseline's, or
# this checkout's release build), and `work` a scratch folder, removed on exit, holding the
# tagged fixture resume.
if [ -n "${RESCC_BIN:-}" ]; then
  bin=$(realpath "$RESCC_BIN")
else
  cargo build --release --bin rescc --quiet
  bin=$PWD/target/release/rescc
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp fixtures/tagged.yaml "$work/"

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

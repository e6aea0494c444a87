#!/bin/sh
# Whole-process timing of `pathways import hsds` on a large real HSDS datapackage (the
# figures in docs/import-export.md come from the Miami 211 datapackage, which is not part
# of the repository). Skips cleanly when the datapackage is not there.
#
#   scripts/time_hsds_import.sh PATH-TO-DATAPACKAGE [TIMEZONE]
#
# Needs hyperfine. Builds the release binary first.
set -eu
data="${1:-}"
tz="${2:-America/New_York}"
if [ -z "$data" ] || [ ! -e "$data" ]; then
    echo "skipped: no HSDS datapackage at '${data}' (pass its path)" >&2
    exit 0
fi
command -v hyperfine >/dev/null || { echo "hyperfine is needed" >&2; exit 3; }
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/pathways"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
hyperfine --warmup 1 --runs 10 \
    "$bin import hsds '$data' --timezone $tz --out '$out/c.toml' --force"
"$bin" import hsds "$data" --timezone "$tz" --out "$out/c.toml" --force
"$bin" check "$out/c.toml" | tail -1

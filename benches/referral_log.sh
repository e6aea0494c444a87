#!/usr/bin/env bash
# Whole-process timing of the referral log (hyperfine): `history --due` and
# `stats --by service` on a generated log of 100,000 referrals (targets: < 100 ms each),
# and `refer` on the default catalogue (target: < 25 ms). The clock is pinned to the day
# the generated log ends. Usage: benches/referral_log.sh [REFERRALS]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin pathways --example referral_log
bin="$target/release/pathways"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" HOME="$home" \
  PATHWAYS_CONFIG="$home/config.toml" PATHWAYS_NOW=2026-11-23T12:00:00+03:00
touch "$PATHWAYS_CONFIG"
"$target/release/examples/referral_log" "$home/data/pathways/referrals.db" "$count"
ls -l "$home/data/pathways/referrals.db"
hyperfine -N --warmup 3 --runs 30 \
  "$bin history --due" \
  "$bin stats --by service" \
  "$bin stats --by service --csv" \
  "$bin stats --by outcome --csv"
# refer writes (one transaction, synchronous=FULL); on the big log and on an empty one.
hyperfine -N --warmup 3 --runs 30 "$bin refer iom-avrr --consent verbal"
rm -rf "$home/data"
hyperfine -N --warmup 3 --runs 30 "$bin refer iom-avrr --consent verbal"

#!/usr/bin/env bash
# Whole-process timing of the referral log (hyperfine): `history --due` and
# `stats --by service` on a generated log of 100,000 referrals (targets: < 100 ms each),
# and `refer` on the default catalogue (target: < 25 ms); then the team log: `stats --team`
# on the 1,000 referrals of the team target (target: < 100 ms) and on the big log used as a
# team log, and `refer` writing both logs. The clock is pinned to the day the generated log
# ends. Usage: benches/referral_log.sh [REFERRALS]
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
  "$bin history --due --json" \
  "$bin stats --by service" \
  "$bin stats --by service --csv" \
  "$bin stats --by outcome --csv"
# refer writes (one transaction, synchronous=FULL); on the big log and on an empty one.
hyperfine -N --warmup 3 --runs 30 "$bin refer iom-avrr --consent verbal"
rm -rf "$home/data"
hyperfine -N --warmup 3 --runs 30 "$bin refer iom-avrr --consent verbal"

# The team log (a folder of mode 2770 named by a system config).
team="$home/team"
mkdir -m 2770 "$team"
"$target/release/examples/referral_log" "$team/team.db" 1000
printf '[team]\nlog = "%s"\n' "$team/team.db" > "$home/system.toml"
export PATHWAYS_SYSTEM_CONFIG="$home/system.toml"
hyperfine -N --warmup 3 --runs 30 \
  "$bin stats --team" \
  "$bin stats --team --by service --csv" \
  "$bin history --team --due"
# refer writing the own log and the team log (two transactions, two fsyncs).
hyperfine -N --warmup 3 --runs 30 "$bin refer iom-avrr --consent verbal"
# The big log as a team log.
"$target/release/examples/referral_log" "$team/big.db" "$count"
printf '[team]\nlog = "%s"\n' "$team/big.db" > "$home/system.toml"
hyperfine -N --warmup 3 --runs 30 "$bin stats --team" "$bin history --team --due"

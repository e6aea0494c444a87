#!/usr/bin/env bash
# Memory of a team on one server: N directories (TUIs) open at once on one catalogue, each
# in its own tmux session, as N operators would have them. Prints each process's PSS
# (proportional set size: shared pages split between the processes that map them, so the
# sum is what the machine really spends) and the total, from /proc/PID/smaps_rollup.
#
#   scripts/team_memory.sh CATALOGUE [N]     (default N = 20; needs tmux and a release build)
#
# Make a synthetic catalogue with `cargo run --release --example synthetic -- 10000 > syn10k.toml`.
# Each operator has a home and cache of their own, as on a server (cache entries are
# owner-only). With WARM=1 one search per operator fills their cache first, so every
# directory starts from the cached catalogue and index (the steady state after the first
# start of the day); without it all twenty parse the file at once (a first start, or every
# session after the catalogue changed). With RELOAD=1 the directories run on a private copy
# of the catalogue, which is then changed (a comment appended): PSS is measured after every
# directory has reloaded it.
set -euo pipefail
catalogue=${1:?usage: team_memory.sh CATALOGUE [N]}
count=${2:-20}
binary=${PATHWAYS_BINARY:-target/release/pathways}
[ -x "$binary" ] || { echo "build first: cargo build --release" >&2; exit 2; }
socket="pathways-memory-$$"
home=$(mktemp -d)
trap 'tmux -L "$socket" kill-server 2>/dev/null || true; rm -rf "$home"' EXIT
if [ -n "${RELOAD:-}" ]; then
  cp "$catalogue" "$home/catalogue.toml"
  catalogue="$home/catalogue.toml"
fi
if [ -n "${WARM:-}" ]; then
  for i in $(seq 1 "$count"); do
    env HOME="$home/op$i" XDG_CACHE_HOME="$home/op$i/cache" "$binary" --catalogue "$catalogue" search x >/dev/null || true
  done
fi
for i in $(seq 1 "$count"); do
  tmux -L "$socket" new-session -d -s "op$i" -x 80 -y 24 \
    "env HOME=$home/op$i XDG_CACHE_HOME=$home/op$i/cache PATHWAYS_OPERATOR=op$i $binary --catalogue $catalogue"
done
# Waits until every directory's screen shows TEXT, at most SECONDS each.
wait_for_all() {
  local text=$1 seconds=$2
  for i in $(seq 1 "$count"); do
    for _ in $(seq 1 $((seconds * 10))); do
      tmux -L "$socket" capture-pane -p -t "op$i" | grep -q "$text" && break
      sleep 0.1
    done
  done
}
wait_for_all 'Search>' 60
if [ -n "${RELOAD:-}" ]; then
  echo "# changed" >>"$catalogue"
  wait_for_all 'catalogue updated' 120
fi
sleep 1
total=0
for pane_pid in $(tmux -L "$socket" list-panes -a -F '#{pane_pid}'); do
  pid=$(pgrep -P "$pane_pid" -x pathways || echo "$pane_pid")
  pss=$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup")
  total=$((total + pss))
  printf 'pid %-8s PSS %6d MiB\n' "$pid" $((pss / 1024))
  [ -n "${SHOW_ROLLUP:-}" ] && grep -E "^(Rss|Pss_Anon|Pss_File|Pss_Shmem)" "/proc/$pid/smaps_rollup" | tr -s " " | paste -sd" "
done
printf 'total PSS of %d directories: %d MiB\n' "$count" $((total / 1024))

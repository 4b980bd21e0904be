#!/usr/bin/env bash
# Benchmark: peak RSS of a whole practice walk-through of the full-screen wizard, driven by keys
# in tmux (80x24) like a person would: apply (a, Enter) and prove (p) every step, open the report
# (F6), quit (q). Prints the peak RSS from /usr/bin/time and what the last screen said.
# Usage: src/bench/tui-walk-rss.sh   (build first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
state="$(mktemp -d)"
session="hh-bench-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$state"' EXIT
tmux new-session -d -s "$session" -x 80 -y 24 \
  "LANG=C.UTF-8 /usr/bin/time -f %M -o $state/rss ./hermes-harden --practice --state-dir $state/s; sleep 30"
wait_for() { # text: waits up to 20 s for it on the screen
  for _ in $(seq 200); do
    tmux capture-pane -t "$session" -p | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "never saw: $1" >&2
  tmux capture-pane -t "$session" -p >&2
  return 1
}
wait_for "Steps"
for step in 1 2 3 4 5 6 7 8 9; do
  for _ in 1 2; do # a step has at most two fixes; a second Apply shows "nothing to change"
    tmux send-keys -t "$session" a
    sleep 0.8
    tmux send-keys -t "$session" Enter
    sleep 1.0
  done
  tmux send-keys -t "$session" p
  sleep 1.0
  tmux send-keys -t "$session" Escape
  sleep 0.3
done
tmux send-keys -t "$session" F6
wait_for "report was written"
tmux capture-pane -t "$session" -p | grep -E "Verified:|summary-" | sed 's/[│┌┐└┘─]//g; s/^ *//'
tmux send-keys -t "$session" Enter
sleep 0.3
tmux send-keys -t "$session" q
for _ in $(seq 100); do [[ -s "$state/rss" ]] && break; sleep 0.1; done
echo "whole practice walk-through: peak RSS $(( $(tail -n 1 "$state/rss") / 1024 )) MiB"

#!/usr/bin/env bash
# Benchmark: peak RSS of a whole practice walk-through of the full-screen wizard, driven by keys
# in tmux (80x24) like a person would, the same way as the test walk (src/test/.../tui/Walk.java):
# on each step press Apply (a) and, where the step's check is a login, Prove login (p), and answer
# every dialog with its first button (1: "Apply now", "Run it (practice)", "Close") until the step
# has passed; at the end read the report in the wizard (1), close it (Esc) and quit (q).
# Prints the peak RSS from /usr/bin/time and what the summary said.
# Usage: src/bench/tui-walk-rss.sh   (build first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
state="$(mktemp -d)"
session="hh-bench-$$"
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$state"' EXIT
tmux new-session -d -s "$session" -x 80 -y 24 \
  "LANG=C.UTF-8 /usr/bin/time -f %M -o $state/rss ./hermes-harden --practice --state-dir $state/s; sleep 30"
screen() { tmux capture-pane -t "$session" -p; }
key() { tmux send-keys -t "$session" "$@"; sleep 0.4; }
wait_for() { # text: waits up to 20 s for it on the screen
  for _ in $(seq 200); do
    screen | grep -qF -- "$1" && return 0
    sleep 0.1
  done
  echo "never saw: $1" >&2
  screen >&2
  return 1
}
wait_for "Steps"
for step in 1 2 3 4 5 6 7 8 9; do
  applied=0 proved=0
  for _ in $(seq 30); do
    s="$(screen)"
    if grep -qF -e "Run it (practice)" -e "Apply now" -e "There is nothing to change" <<<"$s"; then
      key 1
    elif grep -qF -e "Step $step " <<<"$s" && grep -qF "passed. On to the next step" <<<"$s"; then
      break
    elif grep -qF "Summary report" <<<"$s"; then
      break
    elif grep -qF "Step $step of 9 · verified" <<<"$s"; then
      break
    elif ((applied == 0)); then
      key a; applied=1; sleep 0.6
    elif ((proved == 0)); then
      key p; proved=1; sleep 0.6
    else
      sleep 0.5
    fi
  done
done
wait_for "Summary report"
screen | grep -E "steps are done|summary-" | sed 's/[│┌┐└┘─]//g; s/^ *//'
key 1
sleep 1
key Escape
key q
for _ in $(seq 100); do [[ -s "$state/rss" ]] && break; sleep 0.1; done
echo "whole practice walk-through: peak RSS $(( $(tail -n 1 "$state/rss") / 1024 )) MiB"

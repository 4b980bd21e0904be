#!/usr/bin/env bash
# Benchmark: peak RSS of a whole practice walk-through of the full-screen wizard, driven by keys
# in tmux (80x24) like a person would, the same way as the test walk (src/test/.../tui/Walk.java):
# on each step press Apply (a) and, where the step's check is a login, Prove login (p), and answer
# every dialog with its first button (1: "Apply now", "Run it (practice)", "Close") until the step
# has passed; at the end read the report in the wizard (1), close it (Esc) and quit (q).
# Prints the peak RSS from /usr/bin/time and what the summary said, and as the anchor the peak RSS of
# the launcher's --version. A key refused while a task ran ("Still working") is pressed again.
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
steps=$(grep -c . wizard-steps/index.txt)
for step in $(seq "$steps"); do
  applied=0 proved=0 last=
  for _ in $(seq 40); do
    s="$(screen)"
    if grep -qF "Still working" <<<"$s"; then
      # a key pressed while Apply's task still ran was refused: press it again once idle
      [[ $last == a ]] && applied=0
      [[ $last == p ]] && proved=0
      last=
      sleep 1
    elif grep -qF -e "Run it (practice)" -e "Apply now" -e "There is nothing to change" <<<"$s"; then
      key 1
    elif grep -qE "Step $step [^│]*passed\. On to the next step" <<<"$s"; then
      break
    elif grep -qF "Summary report" <<<"$s"; then
      break
    elif grep -qE "Step $step of [0-9]+ · verified" <<<"$s"; then
      break
    elif ((applied == 0)); then
      key a; applied=1 last=a; sleep 0.6
    elif ((proved == 0)); then
      key p; proved=1 last=p; sleep 0.6
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
# the anchor, measured in the same run: the launcher's JVM doing no more than print its version
anchor=$(/usr/bin/time -f %M ./hermes-harden --version 2>&1 >/dev/null | tail -n 1)
echo "whole practice walk-through ($steps steps): peak RSS $(( $(tail -n 1 "$state/rss") / 1024 )) MiB" \
  "(bar 64); the launcher's --version: $((anchor / 1024)) MiB"

#!/bin/sh
# spy.sh DIR SECONDS [PATTERN]: run as the hostile service account inside the sandbox VPS. Until
# DIR/stop exists (or SECONDS pass) it reads, over and over, every process's command line, every
# environment it may read, and every file it may read under /run/hermes-harden, and appends each
# line that matches PATTERN (an extended regex; default: 26 token characters in a row) to
# DIR/seen; what it can list there goes to DIR/listed. DIR/rounds counts the passes, DIR/spy.pid
# is its pid (the test stops it by pid).
d=$1
end=$(($(date +%s) + $2))
pattern=${3:-'[A-Z2-7]{26}'}
echo $$ >"$d/spy.pid"
n=0
while [ ! -e "$d/stop" ] && [ "$(date +%s)" -lt "$end" ]; do
  cat /proc/[0-9]*/cmdline /proc/[0-9]*/environ 2>/dev/null | tr '\0' '\n' |
    grep -aE "$pattern" >>"$d/seen"
  find /run/hermes-harden -type f -readable -exec cat {} + 2>/dev/null |
    grep -aE "$pattern" >>"$d/seen"
  find /run/hermes-harden 2>/dev/null >>"$d/listed"
  n=$((n + 1))
  # a rename, so that a reader never sees the file empty between truncation and write (the
  # test's wait would read 0, then the real count, and stop waiting at once)
  echo "$n" >"$d/rounds.new" && mv -f "$d/rounds.new" "$d/rounds"
  sleep 0.05
done

#!/bin/sh
# attack.sh DIR ADMIN_UID once|SECONDS: run as the hostile service account inside the sandbox VPS.
# Tries to create, pre-empt or replace what the proof's drop box needs: the directories
# themselves, the admin's directory, files, symlinks and FIFOs in each. Every attempt that WORKS
# is appended to DIR/attack.log as "<epoch ms> <what>". "once" makes one pass and exits 1 if
# anything worked; SECONDS loops until DIR/stop-attack exists or the time is up (pid in
# DIR/attack.pid, stopped by the test by pid).
d=$1 uid=$2 mode=$3
r=/run/hermes-harden
b=$r/confirm
u=$b/$uid
pass() {
  worked=0
  for p in "$r" "$b" "$u" "$r/junk" "$b/junk" "$u/junk"; do
    t=$(date +%s%3N)
    mkdir "$p" 2>/dev/null && echo "$t mkdir $p" >>"$d/attack.log" && worked=1
    ln -s /etc/shadow "$p.lnk" 2>/dev/null && echo "$t symlink $p.lnk" >>"$d/attack.log" && worked=1
    mkfifo "$p.fifo" 2>/dev/null && echo "$t fifo $p.fifo" >>"$d/attack.log" && worked=1
    (: >"$p.file") 2>/dev/null && echo "$t file $p.file" >>"$d/attack.log" && worked=1
  done
  # the admin's directory itself replaced by a symlink (only possible where hermes may write)
  ln -s /etc "$u" 2>/dev/null && echo "$(date +%s%3N) symlink $u" >>"$d/attack.log" && worked=1
  return $worked
}
if [ "$mode" = once ]; then
  pass
  exit $?
fi
echo $$ >"$d/attack.pid"
end=$(($(date +%s) + mode))
while [ ! -e "$d/stop-attack" ] && [ "$(date +%s)" -lt "$end" ]; do
  pass
  sleep 0.05
done

#!/usr/bin/env bash
# Benchmark: is the audit flat with a 100 MB /var/log/auth.log (issue 14)? Two sandbox VPSes built
# alike (docs/sandbox-vps.md), both with fail2ban running (sshd jail on /var/log/auth.log, backend
# polling: the jail reads the file, and fail2ban.filter-matches probes it). In the second, before
# fail2ban starts, the VPS's own auth.log (its /var/log is a directory of the sandbox's state dir)
# is grown to SIZE_MB by grow-authlog.py: a password-guessing campaign from 198.51.100.0/24, dated
# 8 to 1 days ago, so older than findtime: fail2ban seeks past it on start and bans nobody (the
# script prints the jail's counters to show it). Then `audit --json` in each VPS, interleaved
# (the order swaps every round), medians of wall time, CPU time (user + system, with the commands
# the audit ran) and peak RSS (/usr/bin/time %M: the largest of the JVM and any command it ran),
# 100 MB against 1x, and whether every check's status and reason key are the same as at 1x.
# Bar: within 1.5x of 1x in time and memory, the same verdicts. Asserts nothing; prints figures.
# Needs root and the sandbox packages (.ci/run installs them). Tears both sandboxes down on exit.
# Usage: src/bench/audit-authlog.sh [rounds]   (build first: mvn -q -B package -DskipTests)
#        SIZE_MB=100 (default); TOOL=OTHER/hermes-harden measures another build (e.g. an older one)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
size_mb="${SIZE_MB:-100}"
# shellcheck source=sandbox-lib.sh
source src/bench/sandbox-lib.sh
sb1="/tmp/hh-sandbox-lg1-$$" sb2="/tmp/hh-sandbox-lg2-$$"
trap 'set +e; sandbox_down_all' EXIT
sandbox_up "lg1$$" "$sb1"
h1=$holder
sandbox_up "lg2$$" "$sb2"
h2=$holder
tool="${TOOL:-$PWD/hermes-harden}" # TOOL=.../hermes-harden measures another build
in_vps "$h2" python3 "$PWD/src/bench/grow-authlog.py" /var/log/auth.log $((size_mb * 1024 * 1024))
printf '[sshd]\nenabled = true\nbackend = polling\nlogpath = /var/log/auth.log\n' >"$sb1/jail.local"
for h in "$h1" "$h2"; do
  in_vps "$h" cp "$sb1/jail.local" /etc/fail2ban/jail.local
  in_vps "$h" systemctl enable --now fail2ban
done
# fail2ban's first look at the big file: wait until its server's CPU time stops growing
f2b_cpu() {
  local pid
  pid=$(in_vps "$h2" cat /run/fail2ban/fail2ban.pid)
  awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
t0=$SECONDS prev=-1 cur=$(f2b_cpu)
while [[ $cur != "$prev" && $((SECONDS - t0)) -lt 600 ]]; do
  sleep 3
  prev=$cur cur=$(f2b_cpu)
done
echo "fail2ban settled on the ${size_mb} MB file after $((SECONDS - t0)) s ($((cur / 100)) s CPU)"
jail() { in_vps "$1" fail2ban-client status sshd | grep -E 'Total failed|Total banned' | tr -s '\t |`-' ' ' | tr '\n' ';'; }
echo "jail before: 1x:$(jail "$h1") ${size_mb}MB:$(jail "$h2")"
# warm-up, not counted (the page cache; the class-data archive is the build's)
in_vps "$h1" "$tool" audit --json >/dev/null || true
in_vps "$h2" "$tool" audit --json >/dev/null || true
run() { # run NAME HOLDER SB ROUND
  in_vps "$2" /usr/bin/time -f '%e %U %S %M' -o "$3/t" "$tool" audit --json >"$3/a.json" 2>/dev/null || true
  read -r w u s kb < <(tail -n 1 "$3/t") # a non-zero exit adds a line before
  echo "$w" >>"$3/wall"
  awk -v u="$u" -v s="$s" 'BEGIN { print u + s }' >>"$3/cpu"
  echo "$kb" >>"$3/rss"
  verdicts <"$3/a.json" >"$3/verdicts.$4"
}
for ((i = 0; i < rounds; i++)); do
  if ((i % 2 == 0)); then
    run 1x "$h1" "$sb1" "$i"
    run big "$h2" "$sb2" "$i"
  else
    run big "$h2" "$sb2" "$i"
    run 1x "$h1" "$sb1" "$i"
  fi
done
echo "jail after:  1x:$(jail "$h1") ${size_mb}MB:$(jail "$h2")"
in_vps "$h2" "$tool" --debug audit --json >/dev/null 2>"$sb2/trace" || true
size=$(in_vps "$h2" stat -c %s /var/log/auth.log)
same=yes
diff_ids=()
for ((i = 0; i < rounds; i++)); do
  for sb in "$sb1" "$sb2"; do
    if ! cmp -s "$sb/verdicts.$i" "$sb1/verdicts.0"; then
      same=no
      mapfile -t -O "${#diff_ids[@]}" diff_ids < <(diff "$sb1/verdicts.0" "$sb/verdicts.$i" |
        sed -n 's/^[<>] \([^ ]*\) .*/\1/p')
    fi
  done
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "audit --json, 1x auth.log vs ${size_mb} MB ($size bytes), medians of $rounds interleaved rounds, load $load:"
awk -v w1="$(median <"$sb1/wall")" -v w2="$(median <"$sb2/wall")" \
  -v c1="$(median <"$sb1/cpu")" -v c2="$(median <"$sb2/cpu")" \
  -v r1="$(median <"$sb1/rss")" -v r2="$(median <"$sb2/rss")" -v mb="$size_mb" 'BEGIN {
  printf "  wall      1x %6.2f s    %d MB %6.2f s    ratio %.2f (bar <= 1.5)\n", w1, mb, w2, w2 / w1
  printf "  CPU       1x %6.2f s    %d MB %6.2f s    ratio %.2f (bar <= 1.5)\n", c1, mb, c2, c2 / c1
  printf "  peak RSS  1x %6.1f MiB  %d MB %6.1f MiB  ratio %.2f (bar <= 1.5)\n", r1 / 1024, mb, r2 / 1024, r2 / r1 }'
echo "  same verdicts: $same ($(wc -l <"$sb1/verdicts.0") checks)${diff_ids[*]:+; differing: $(printf '%s\n' "${diff_ids[@]}" | sort -u | tr '\n' ' ')}"
grep filter-matches "$sb2/verdicts.0" | sed 's/^/  /'
echo "the auth.log checks of a last traced audit at ${size_mb} MB (ms):"
grep -E 'auth\.log|fail2ban-regex|ssh -F' "$sb2/trace" | cut -c1-150 | sed 's/^/  /'

#!/usr/bin/env bash
# Benchmark: is the audit flat at size on the real host path (issue 14)? Two sandbox VPSes built
# alike (docs/sandbox-vps.md); in the second, one of the VPS's own files is grown by what the
# practice VPS's variant of the same name grows (ScaledPractice, whose `--print VARIANT` gives the
# very text appended here), things that change no verdict:
#   authlog  /var/log/auth.log grown to SIZE_MB (100) by grow-authlog.py, before fail2ban starts;
#            fail2ban runs in both (sshd jail, backend polling on auth.log)
#   keys     10,000 more RSA keys in the admin's ~/.ssh/authorized_keys
#   ufw      ufw enabled in both; 5,000 rules (one documentation address each to a high TCP port)
#            in the second: the first added by `ufw allow`, the others written in the very lines
#            ufw wrote for it into /etc/ufw/user.rules, then `ufw reload`
#   compose  3,200 services appended to /opt/hermes/docker-compose.yml (the file only: the
#            running containers stay those of 1x, as on the practice VPS)
#   config   5 MB of notes appended to /opt/hermes/data/config.yaml
# Then `audit --json` in each VPS, interleaved (the order swaps every round), and the launcher's
# `--version` (the JVM floor) in the same rounds: medians of wall time, CPU time (user + system,
# with the commands the audit ran) and peak RSS (/usr/bin/time %M: the largest of the JVM and any
# command it ran), grown against 1x, and whether every check's status and reason key are the same
# as at 1x in every round. Last, one traced audit (--debug) of each VPS: the commands it ran
# that touch the grown file. Bar: within 1.5x of 1x in time and memory, the same verdicts.
# Asserts nothing; prints figures. Needs root and the sandbox packages (.ci/run installs them).
# Tears both sandboxes down on exit (down.sh: by pid and namespace name).
# Usage: src/bench/audit-sandbox-scale.sh VARIANT [rounds]
#        (build first: mvn -q -B package -DskipTests; the test classes hold ScaledPractice)
#        TOOL=OTHER/hermes-harden measures another build; SIZE_MB for authlog
set -euo pipefail
cd "$(dirname "$0")/../.."
variant="${1:?usage: $0 authlog|keys|ufw|compose|config [rounds]}"
rounds="${2:-5}"
size_mb="${SIZE_MB:-100}"
# shellcheck source=sandbox-lib.sh
source src/bench/sandbox-lib.sh
tool="${TOOL:-$PWD/hermes-harden}"
addition() { java -cp target/test-classes:target/hermes-harden.jar \
  dev.hermesharden.practice.ScaledPractice --print "$1"; }
case "$variant" in
  authlog) label="${size_mb} MB auth.log" file=/var/log/auth.log focus='auth\.log|fail2ban-regex|ssh -F' ;;
  keys) label="10k keys" file=/home/admin/.ssh/authorized_keys focus='authorized_keys' ;;
  ufw) label="5k ufw rules" file=/etc/ufw/user.rules focus='ufw|iptables|ip6tables' ;;
  compose) label="3,200 services" file=/opt/hermes/docker-compose.yml focus='docker-compose\.yml|compose' ;;
  config) label="5 MB config" file=/opt/hermes/data/config.yaml focus='config\.yaml' ;;
  *) echo "no variant $variant (authlog keys ufw compose config)" >&2 && exit 2 ;;
esac
sb1="/tmp/hh-sandbox-sc1-$$" sb2="/tmp/hh-sandbox-sc2-$$"
trap 'set +e; sandbox_down_all' EXIT
echo "load at start $(cut -d' ' -f1-3 /proc/loadavg)"
sandbox_up "sc1$$" "$sb1"
h1=$holder
sandbox_up "sc2$$" "$sb2"
h2=$holder

grow_authlog() {
  in_vps "$h2" python3 "$PWD/src/bench/grow-authlog.py" /var/log/auth.log $((size_mb * 1024 * 1024))
  printf '[sshd]\nenabled = true\nbackend = polling\nlogpath = /var/log/auth.log\n' >"$sb1/jail.local"
  for h in "$h1" "$h2"; do
    in_vps "$h" cp "$sb1/jail.local" /etc/fail2ban/jail.local
    in_vps "$h" systemctl enable --now fail2ban
  done
  # fail2ban's first look at the big file: wait until its server's CPU time stops growing
  local t0=$SECONDS prev=-1 cur
  cur=$(f2b_cpu)
  while [[ $cur != "$prev" && $((SECONDS - t0)) -lt 600 ]]; do
    sleep 3
    prev=$cur cur=$(f2b_cpu)
  done
  echo "fail2ban settled on the ${size_mb} MB file after $((SECONDS - t0)) s ($((cur / 100)) s CPU)"
  echo "jail before: 1x:$(jail "$h1") ${size_mb}MB:$(jail "$h2")"
}
f2b_cpu() {
  local pid
  pid=$(in_vps "$h2" cat /run/fail2ban/fail2ban.pid)
  awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
jail() { in_vps "$1" fail2ban-client status sshd | grep -E 'Total failed|Total banned' | tr -s '\t |`-' ' ' | tr '\n' ';'; }

# 5,000 rules from 198.51.(100 + i/250).(1 + i%250) to TCP port 20000 + i (ScaledPractice.ufwRules):
# rule 0 by ufw itself, the others in the lines ufw wrote for it, before "### END RULES ###"
grow_ufw() {
  local h tpl i r
  for h in "$h1" "$h2"; do
    in_vps "$h" ufw --force enable >/dev/null
  done
  in_vps "$h2" ufw allow from 198.51.100.1 to any port 20000 proto tcp >/dev/null
  tpl=$(in_vps "$h2" sed -n '/^### tuple ### allow tcp 20000 /,/^$/p' /etc/ufw/user.rules)
  [[ $tpl == *198.51.100.1* ]] || { echo "ufw wrote no rule for 198.51.100.1:" >&2 && in_vps "$h2" cat /etc/ufw/user.rules >&2 && exit 1; }
  for ((i = 1; i < 5000; i++)); do
    r=${tpl//198.51.100.1/198.51.$((100 + i / 250)).$((1 + i % 250))}
    printf '%s\n\n' "${r//20000/$((20000 + i))}"
  done >"$sb2/more.rules"
  in_vps "$h2" cat /etc/ufw/user.rules |
    awk -v f="$sb2/more.rules" '/^### END RULES ###/ { while ((getline l < f) > 0) print l } { print }' \
      >"$sb2/user.rules"
  in_vps "$h2" tee /etc/ufw/user.rules <"$sb2/user.rules" >/dev/null
  in_vps "$h2" ufw reload >/dev/null
  echo "ufw status lists 1x: $(in_vps "$h1" ufw status | grep -c ALLOW || true) rules," \
    "grown: $(in_vps "$h2" ufw status | grep -c ALLOW) rules;" \
    "iptables ufw-user-input rules in the grown VPS: $(in_vps "$h2" iptables -S ufw-user-input | grep -c ACCEPT)"
}

case "$variant" in
  authlog) grow_authlog ;;
  ufw) grow_ufw ;;
  *) addition "$variant" | in_vps "$h2" tee -a "$file" >/dev/null ;;
esac
echo "$file: 1x $(in_vps "$h1" wc -lc "$file" | awk '{ print $2 " bytes, " $1 " lines" }'), grown" \
  "$(in_vps "$h2" wc -lc "$file" | awk '{ print $2 " bytes, " $1 " lines" }')"

# warm-up, not counted (the page cache; the class-data archive is whatever the launcher maps for
# both VPSes alike: a launcher that records one at its first run does it here)
in_vps "$h1" "$tool" audit --json >/dev/null || true
in_vps "$h2" "$tool" audit --json >/dev/null || true
run() { # run HOLDER SB ROUND
  timed "$2/a" --in "$1" "$tool" audit --json
  verdicts <"$2/a.out" >"$2/verdicts.$3"
}
floor() { # the launcher's --version in the VPS: the JVM floor, measured in the same rounds
  timed "$sb1/v" --in "$h1" "$tool" --version
}
for ((i = 0; i < rounds; i++)); do
  if ((i % 2 == 0)); then
    run "$h1" "$sb1" "$i"
    run "$h2" "$sb2" "$i"
  else
    run "$h2" "$sb2" "$i"
    run "$h1" "$sb1" "$i"
  fi
  floor
done
load=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ $variant == authlog ]]; then echo "jail after:  1x:$(jail "$h1") ${size_mb}MB:$(jail "$h2")"; fi
for h in "$h1:$sb1" "$h2:$sb2"; do
  in_vps "${h%%:*}" "$tool" --debug audit --json >/dev/null 2>"${h#*:}/trace" || true
done
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
echo "audit --json in the sandbox VPS, 1x vs $label, medians of $rounds interleaved rounds, load at end $load:"
awk -v w1="$(median <"$sb1/a.wall")" -v w2="$(median <"$sb2/a.wall")" \
  -v c1="$(median <"$sb1/a.cpu")" -v c2="$(median <"$sb2/a.cpu")" \
  -v r1="$(median <"$sb1/a.rss")" -v r2="$(median <"$sb2/a.rss")" -v l="$label" \
  -v vw="$(median <"$sb1/v.wall")" -v vc="$(median <"$sb1/v.cpu")" -v vr="$(median <"$sb1/v.rss")" 'BEGIN {
  printf "  wall      1x %6.2f s    %s %6.2f s    ratio %.2f (bar <= 1.5)\n", w1, l, w2, w2 / w1
  printf "  CPU       1x %6.2f s    %s %6.2f s    ratio %.2f (bar <= 1.5)\n", c1, l, c2, c2 / c1
  printf "  peak RSS  1x %6.1f MiB  %s %6.1f MiB  ratio %.2f (bar <= 1.5)\n", r1 / 1024, l, r2 / 1024, r2 / r1
  printf "  anchor: the launcher'\''s --version in the same rounds: wall %.2f s, CPU %.2f s, RSS %.1f MiB\n", vw, vc, vr / 1024 }'
echo "  same verdicts: $same ($(wc -l <"$sb1/verdicts.0") checks)${diff_ids[*]:+; differing: $(printf '%s\n' "${diff_ids[@]}" | sort -u | tr '\n' ' ')}"
if [[ $variant == authlog ]]; then grep filter-matches "$sb2/verdicts.0" | sed 's/^/  /'; fi
echo "a last traced audit of each VPS (1x: $(grep -c . "$sb1/trace"), grown: $(grep -c . "$sb2/trace") trace lines);" \
  "those naming the grown file or its commands (the commands' own cost at size):"
for sb in "$sb1" "$sb2"; do
  echo "  $([[ $sb == "$sb1" ]] && echo 1x || echo "$label"):"
  grep -E "$focus" "$sb/trace" | cut -c1-150 | sed 's/^/    /' || echo "    (none)"
done
# file reads are not in the trace (the JVM reads files itself, and the files an account can change
# are read as that account by `setpriv ... head`, below the trace): one more audit under strace,
# not timed, counts the successful opens under /etc /home /root /opt /var /run by program (a pid's
# program is its last execve, else its parent's when it was cloned: "java" is the JVM)
in_vps "$h2" strace -f -qq -e trace=execve,openat,clone,clone3,fork,vfork -o "$sb2/strace" \
  "$tool" audit --json >/dev/null 2>&1 || true
awk '/ execve\("/ && !/= -1 / { split($0, a, "\""); n = split(a[2], p, "/"); prog[$1] = p[n] }
  /(clone3?|v?fork)(\(| resumed>)/ && $NF ~ /^[0-9]+$/ && $(NF - 1) == "=" { prog[$NF] = prog[$1] }
  / openat\(/ && !/= -1 / { split($0, a, "\""); if (a[2] ~ /^\/(etc|home|root|opt|var|run)\//) print (($1 in prog) ? prog[$1] : "?"), a[2] }' \
  "$sb2/strace" | sort | uniq -c | sort -rn >"$sb2/opens"
echo "opens in one more audit of the grown VPS (strace -f, not timed):"
echo "  $file: $(awk -v f="$file" '$3 == f { printf "%s%s %d", (o++ ? ", " : ""), $2, $1 } END { if (!o) printf "none" }' "$sb2/opens")"
echo "  the files the JVM opened more than once: $(awk '$2 == "java" && $1 > 1 && $3 !~ /ld\.so\.cache/ && n++ < 4 { printf "%s%s %d", (n > 1 ? ", " : ""), $3, $1 }' "$sb2/opens")"

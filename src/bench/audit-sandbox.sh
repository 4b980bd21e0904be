#!/usr/bin/env bash
# Benchmark: `hermes-harden audit` on the sandbox VPS (real sshd, ufw, fail2ban, dockerd in
# namespaces this script makes) next to the raw commands it runs, replayed one after another in
# bash, and next to the JVM's start (`--version`). Design bar: audit <= 1.5 x raw + JVM start.
# Needs root and the sandbox packages (.ci/run installs them). Tears the sandbox down on exit.
# Usage: src/bench/audit-sandbox.sh [runs]   (build first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
id="bench$$"
sb="/tmp/hh-sandbox-bench-$$"
res="$PWD/src/test/resources/sandbox"
cleanup() {
  set +e # the teardown must run whatever failed before it
  [[ -n "${KEEP_TRACE:-}" && -f "$sb/trace" ]] && cp "$sb/trace" "$KEEP_TRACE"
  bash "$res/down.sh" "$id" "$sb" >/dev/null 2>&1
}
trap cleanup EXIT
bash "$res/up.sh" "$id" "$sb" "$res"
holder=$(cat "$sb/holder.pid")
in_vps() {
  nsenter --target "$holder" --mount --uts --net -- env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}
tool="$PWD/hermes-harden"
# one traced run: the commands audit runs, as lines a shell can replay (also warms the CDS archive)
in_vps "$tool" --debug audit --json >/dev/null 2>"$sb/trace" || true
# (a command given input is not replayed: it would run without it)
grep -E '^# \+[0-9]+ exec [0-9]+ ms exit -?[0-9]+: ' "$sb/trace" |
  sed -E 's/^# \+[0-9]+ exec [0-9]+ ms exit -?[0-9]+: //' >"$sb/raw.sh"
ncmd=$(wc -l <"$sb/raw.sh")
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
audit=() rss=() raw=() jvm=()
for ((i = 0; i < runs; i++)); do
  # exit codes are the commands' own (audit exits 3 on findings): only the times matter here
  read -r w kb < <(in_vps /usr/bin/time -f '%e %M' "$tool" audit --json 2>&1 >/dev/null | tail -n 1 || true)
  audit+=("$w") rss+=("$kb")
  raw+=("$(in_vps /usr/bin/time -f '%e' bash "$sb/raw.sh" 2>&1 >/dev/null | tail -n 1 || true)")
  jvm+=("$(in_vps /usr/bin/time -f '%e' "$tool" --version 2>&1 >/dev/null | tail -n 1 || true)")
done
# a last traced run, kept for a look at the slowest commands (KEEP_TRACE=FILE)
in_vps "$tool" --debug audit --json >/dev/null 2>"$sb/trace" || true
a=$(printf '%s\n' "${audit[@]}" | median)
r=$(printf '%s\n' "${raw[@]}" | median)
j=$(printf '%s\n' "${jvm[@]}" | median)
peak=$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)
echo "audit on the sandbox VPS, $runs runs: median wall $a s, peak RSS $((peak / 1024)) MiB"
echo "its $ncmd raw commands one after another in bash: median $r s; JVM start (--version): $j s"
awk -v a="$a" -v r="$r" -v j="$j" 'BEGIN { printf "bar audit <= 1.5 x raw + JVM start: %.2f <= %.2f\n", a, 1.5 * r + j }'

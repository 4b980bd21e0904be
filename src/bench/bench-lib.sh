# bench-lib.sh: sourced (not run) by the benchmark scripts; what they all measure with.
#   median            the median of the numbers on standard input, one per line
#   verdicts          reads audit --json on standard input; prints one "ID STATUS REASON_KEY" line
#                     per check, or "no report" when the run printed none (out of memory, ...)
#   timed P [--in HOLDER] ARGV..  runs ARGV under /usr/bin/time (inside the sandbox VPS HOLDER with
#                     --in: in_vps, sandbox-lib.sh), its standard output to P.out; appends its wall
#                     time to P.wall, CPU time (user + system) to P.cpu, peak RSS (KiB) to P.rss
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
verdicts() {
  python3 -c '
import json, sys
try:
    checks = json.load(sys.stdin)["checks"]
except ValueError:
    print("no report")
    sys.exit(0)
for c in checks:
    print(c["id"], c["status"], c["reason_key"])'
}
timed() {
  local p=$1 w u s kb
  shift
  local wrap=()
  if [[ $1 == --in ]]; then
    wrap=(in_vps "$2")
    shift 2
  fi
  # exit codes are the tool's own (audit exits 3 on findings): only the figures matter here
  "${wrap[@]}" /usr/bin/time -f '%e %U %S %M' -o "$p.t" "$@" >"$p.out" 2>/dev/null || true
  read -r w u s kb < <(tail -n 1 "$p.t") # a non-zero exit adds a line before
  echo "$w" >>"$p.wall"
  awk -v u="$u" -v s="$s" 'BEGIN { print u + s }' >>"$p.cpu"
  echo "$kb" >>"$p.rss"
}

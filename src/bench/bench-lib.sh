# bench-lib.sh: sourced (not run) by the benchmark scripts; what they all measure with.
#   median            the median of the numbers on standard input, one per line
#   verdicts          reads audit --json on standard input; prints one "ID STATUS REASON_KEY" line
#                     per check, or "no report" when the run printed none (out of memory, ...)
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

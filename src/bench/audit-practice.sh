#!/usr/bin/env bash
# Benchmark: wall time and peak RSS of `hermes-harden audit --practice` (JVM start included),
# run N times with the launcher's lean flags. Prints the figures; asserts nothing.
# Usage: src/bench/audit-practice.sh [runs]   (build first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-10}"
state="$(mktemp -d)"
trap 'rm -rf "$state"' EXIT
walls=()
rss=()
for ((i = 0; i < runs; i++)); do
  out="$(mktemp)"
  /usr/bin/time -f '%e %M' -o "$out" ./hermes-harden audit --practice --state-dir "$state" >/dev/null || true
  read -r wall kb < <(tail -n 1 "$out")
  rm -f "$out"
  walls+=("$wall")
  rss+=("$kb")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
max() { printf '%s\n' "$@" | sort -n | tail -1; }
echo "audit --practice, $runs runs: median wall $(median "${walls[@]}") s, max wall $(max "${walls[@]}") s, peak RSS $(( $(max "${rss[@]}") / 1024 )) MiB"

#!/usr/bin/env bash
# Benchmark: is the audit flat at size? `hermes-harden audit --practice --json` on the practice VPS
# at 1x and with one file grown (src/test/.../practice/ScaledPractice.java: 10,000 more admin keys,
# 5,000 ufw rules, 3,200 compose services, a 5 MB config.yaml), runs interleaved (one of each
# variant per round), medians of wall time, of CPU time (user + system: on a shared machine it moves
# less than the wall time, which includes waiting for a core) and of peak RSS, each large variant
# against its 1x, and whether every check's status and reason are the same. Anchor measured in the same rounds: the
# JVM's start (`--version`). Every run counts: the class-data archive is the build's (made again
# first only if missing or older than the jar, and said so).
# Bar (issue 14): each large variant within 1.5x of its 1x in time and memory, the same verdicts.
# Asserts nothing; prints the figures.
# Usage: src/bench/audit-scale.sh [rounds]   (build first: mvn -q -B -o package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar=target/hermes-harden.jar
cp="target/test-classes:$jar"
# VARIANTS="1x keys" limits the run (each large one needs its 1x: 1x, or ufw-1x for ufw)
read -r -a variants <<<"${VARIANTS:-1x keys ufw-1x ufw compose config}"
for v in "${variants[@]}"; do
  java -cp "$cp" dev.hermesharden.practice.ScaledPractice "$work/$v" "$v"
done
# the build's class-data archive (src/build/class-data-archive.sh), the same whatever ran first;
# the audits here run --practice: the practice archive
if [[ target/hermes-harden-practice.jsa -nt "$jar" ]]; then
  echo "class-data archive: the build's, target/hermes-harden-practice.jsa"
else
  echo "class-data archive: missing or older than the jar; made again as the build makes it"
  bash src/build/class-data-archive.sh target
fi
# shellcheck source=bench-lib.sh
source src/bench/bench-lib.sh
for ((i = 0; i < rounds; i++)); do
  for v in "${variants[@]}"; do
    timed "$work/$v" ./hermes-harden audit --practice --json --state-dir "$work/$v"
    verdicts <"$work/$v.out" >"$work/$v.verdicts.$i"
  done
  timed "$work/jvm" ./hermes-harden --version
done
printf '%-8s %-7s %9s %7s %7s %7s %9s %7s  %s\n' variant vs "wall s" ratio "CPU s" ratio \
  "RSS MiB" ratio "same verdicts"
for v in "${variants[@]}"; do
  base=1x
  [[ "$v" == ufw* ]] && base=ufw-1x
  w=$(median <"$work/$v.wall") bw=$(median <"$work/$base.wall")
  c=$(median <"$work/$v.cpu") bc=$(median <"$work/$base.cpu")
  r=$(median <"$work/$v.rss") br=$(median <"$work/$base.rss")
  same=yes
  for ((i = 0; i < rounds; i++)); do
    cmp -s "$work/$v.verdicts.$i" "$work/$base.verdicts.0" || same=NO
  done
  n=$(wc -l <"$work/$v.verdicts.0")
  awk -v v="$v" -v b="$base" -v w="$w" -v bw="$bw" -v c="$c" -v bc="$bc" -v r="$r" -v br="$br" \
    -v s="$same ($n checks)" 'BEGIN { printf "%-8s %-7s %9.2f %6.2fx %7.2f %6.2fx %9.1f %6.2fx  %s\n",
      v, b, w, w / bw, c, c / bc, r / 1024, r / br, s }'
done
awk -v w="$(median <"$work/jvm.wall")" -v r="$(median <"$work/jvm.rss")" -v n="$rounds" \
  'BEGIN { printf "anchor: JVM start (--version) %.2f s, %.1f MiB; medians of %d interleaved rounds\n", w, r / 1024, n }'

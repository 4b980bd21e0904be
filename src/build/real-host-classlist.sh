#!/usr/bin/env bash
# real-host-classlist.sh: records src/build/real-host.classlist, the classes a real audit loads
# that the build's headless first minute (ClassListRun, on the practice VPS) never does: the local
# host's processes and files, the in-process SSH probe (sshj, the JDK's key exchange and
# signatures), sockets. class-data-archive.sh adds them to the class list of the real archive
# (hermes-harden.jsa; a --practice run maps hermes-harden-practice.jsa, without them). Without
# them the first SSH probe of a real audit loaded ~500 classes from the jar (0.23 -> 0.42 s).
# Names only; a name the jar or the JDK no longer has is left out of the archive by the dump, with
# a warning.
# Run it as root after a build (`mvn -q -B package -DskipTests`) when the real path's classes
# change: it builds one sandbox VPS (docs/sandbox-vps.md), runs `audit --json` in it with
# -XX:DumpLoadedClassList, and keeps what the build's list lacks (and what the file already held).
set -euo pipefail
cd "$(dirname "$0")/../.."
out=src/build/real-host.classlist
# shellcheck source=../bench/sandbox-lib.sh
source src/bench/sandbox-lib.sh
sb="/tmp/hh-sandbox-rhcl-$$"
trap 'set +e; sandbox_down_all; rm -rf "$sb.names"' EXIT
sandbox_up "rhcl$$" "$sb"
in_vps "$holder" env JAVA_TOOL_OPTIONS="-XX:DumpLoadedClassList=$sb/loaded" \
  "$PWD/hermes-harden" audit --json >/dev/null 2>&1 || true
names() { awk '!/^[#@]/ && NF { print $1 }' "$@" | sort -u; }
# the lambdas and method-handle forms it links, whole lines, but for those the build's list leaves
# out for the reason class-data-archive.sh gives (Cli's, picocli's); without them the JVM spins ~95
# classes at run time (ASM, interpreted)
lambdas() {
  awk '/^@lambda-(proxy|form-invoker) / && !/picocli\// && $2 != "dev/hermesharden/cli/Cli"' "$@" |
    sort -u
}
names "$sb/loaded" | grep -v -E '\$Proxy[0-9]+$|^jdk/internal/event/' >"$sb.names"
{
  sed -n '/^#/p' "$out" 2>/dev/null || true
  # what the real audit loads and the build's list lacks, or this file already held
  comm -23 "$sb.names" <(names target/hermes-harden.classlist) |
    sort -u - <(comm -12 "$sb.names" <(names "$out" 2>/dev/null || true))
  comm -23 <(lambdas "$sb/loaded") <(lambdas target/hermes-harden-practice.classlist)
} >"$out.new"
mv "$out.new" "$out"
echo "$out: $(grep -c -v '^[#@]' "$out") classes, $(grep -c '^@' "$out") lambda lines"

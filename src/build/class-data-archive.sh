#!/usr/bin/env bash
# class-data-archive.sh [BUILD_DIR]: the class list and the static class-data archive of the jar,
# made by `mvn package` (pom.xml) after the shaded jar (docs/packaging.md, docs/performance.md).
#   BUILD_DIR/hermes-harden-practice.classlist  the classes a user's first minute loads: a
#       headless `audit --practice --json` and the wizard to its first frame (ClassListRun, test
#       scope), run with the launcher's JVM flags and -XX:DumpLoadedClassList
#   BUILD_DIR/hermes-harden.classlist  that and what a real audit loads beyond it
#       (src/build/real-host.classlist); both lists are shipped in the package
#   BUILD_DIR/hermes-harden{,-practice}.jsa  dumped from them by the launcher (`--dump-archive`),
#       which the checkout's launcher maps while newer than the jar (-practice for --practice runs)
# Without the test classes (-Dmaven.test.skip) there is no list and no archive: the launcher then
# runs with the JDK's own archive only.
set -euo pipefail
cd "$(dirname "$0")/../.."
dir=${1:-target}
jar=$dir/hermes-harden.jar
export HERMES_HARDEN_JAR=$jar
rm -f "$dir"/hermes-harden{,-practice}.classlist "$dir"/hermes-harden{,-practice}.jsa
if [[ ! -f "$dir/test-classes/dev/hermesharden/tui/ClassListRun.class" ]]; then
  echo "class-data-archive.sh: no test classes: no class list and no class-data archive" >&2
  exit 0
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/hh-cds.XXXXXX")
trap 'rm -rf "$work"' EXIT
mapfile -t flags < <(./hermes-harden --jvm-flags)
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java" # the launcher's rule
if ! timeout 300 "$java_bin" "${flags[@]}" -XX:DumpLoadedClassList="$work/raw" \
  -cp "$jar:$dir/test-classes" dev.hermesharden.tui.ClassListRun "$work/state" >"$work/run.log" 2>&1; then
  cat "$work/run.log" >&2
  echo "class-data-archive.sh: the headless first minute failed" >&2
  exit 1
fi
# Only classes of the jar and the JDK: not the test classes (ClassListRun), nor the annotation
# proxies made at run time ($ProxyN, which the dump cannot find), nor the lambdas that name picocli
# or sit in Cli, which builds its CommandLine: resolving them at dump time links picocli's
# version-49 class files, and the dump then leaves those out ("Old class has been linked"),
# CommandLine among them.
(cd "$dir/test-classes" && find . -name '*.class' | sed 's|^\./||; s|\.class$||') >"$work/tests"
awk 'NR == FNR { test[$0] = 1; next }
  /^#/ { print; next }
  /^@lambda-proxy/ { if (!($2 in test) && $2 != "dev/hermesharden/cli/Cli" && !/picocli\//) print; next }
  /^@/ { print; next }
  !($1 in test) && $1 !~ /\$Proxy[0-9]+$/ { print }' "$work/tests" "$work/raw" >"$work/classlist"
# Two archives. The practice one (`--practice` runs) from that list alone; the real one also from
# what a real audit loads beyond it: the local host's processes, the SSH probe, sockets
# (src/build/real-host.classlist, recorded in the sandbox VPS by real-host-classlist.sh). All of
# an archive is resident in every run, so the practice run does not carry the real host's classes
# (+2.5 MiB at its first frame), nor a real run load those ~500 classes from the jar.
cp "$work/classlist" "$work/practice.classlist"
awk 'NR == FNR { if (/^@/) have[$0] = 1; else if (!/^#/ && NF) have[$1] = 1; next }
  /^@/ { if (!($0 in have)) print; next }
  !/^#/ && NF && !($1 in have) { print $1 }' "$work/classlist" src/build/real-host.classlist \
  >>"$work/classlist"
for name in classlist practice.classlist; do
  jsa="$work/${name%classlist}jsa"
  ./hermes-harden --dump-archive "$work/$name" "$jsa" >"$work/dump.log" 2>&1 || {
    cat "$work/dump.log" >&2
    echo "class-data-archive.sh: the dump of $name failed" >&2
    exit 1
  }
  # what the dump refused, but for what it always refuses (JFR's event classes)
  if grep '\[warning\]' "$work/dump.log" | grep -v 'JFR event class' >&2; then
    echo "class-data-archive.sh: the dump left out the classes above (see the warnings)" >&2
  fi
  # it must map with the launcher's flags (-Xshare:on fails otherwise)
  "$java_bin" "${flags[@]}" -Xshare:on -XX:SharedArchiveFile="$jsa" -Xlog:cds*=off \
    -jar "$(readlink -f "$jar")" --version >/dev/null
done
mv "$work/classlist" "$dir/hermes-harden.classlist"
mv "$work/practice.classlist" "$dir/hermes-harden-practice.classlist"
mv "$work/jsa" "$dir/hermes-harden.jsa"
mv "$work/practice.jsa" "$dir/hermes-harden-practice.jsa"
touch "$dir/hermes-harden.jsa" "$dir/hermes-harden-practice.jsa" # newer than the jar and lists

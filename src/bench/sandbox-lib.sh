# sandbox-lib.sh: sourced (not run) by the benchmarks that use the sandbox VPS
# (docs/sandbox-vps.md). The caller cds to the checkout's root first and sets `set -euo pipefail`.
#   sandbox_up ID SB      builds one VPS (namespaces hhvps-ID/hhws-ID, state dir SB) with up.sh and
#                         remembers it for sandbox_down_all; prints nothing; sets $holder
#   in_vps HOLDER ARGV..  runs an argv inside that VPS's namespaces, as root, clean environment
#   sandbox_down_all      tears down every VPS this script built (down.sh: by pid and namespace
#                         name); call it from the caller's EXIT trap
# Needs root and the sandbox packages (.ci/run installs them).
sandbox_res="$PWD/src/test/resources/sandbox"
sandbox_built=()
sandbox_up() {
  sandbox_built+=("$1 $2") # before up.sh: a half-built sandbox is torn down too
  bash "$sandbox_res/up.sh" "$1" "$2" "$sandbox_res"
  holder=$(cat "$2/holder.pid")
}
in_vps() {
  local h=$1
  shift
  nsenter --target "$h" --mount --uts --net -- env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"
}
sandbox_down_all() {
  local s
  for s in "${sandbox_built[@]}"; do
    # shellcheck disable=SC2086 # "ID SB": two words
    bash "$sandbox_res/down.sh" $s >/dev/null 2>&1
  done
}
# shellcheck source=bench-lib.sh
source "$PWD/src/bench/bench-lib.sh" # median, verdicts

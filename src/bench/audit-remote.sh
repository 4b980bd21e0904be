#!/usr/bin/env bash
# Benchmark: `hermes-harden audit` of the sandbox VPS run remotely (`--remote`, from the
# workstation namespace over SSH, sudo -n) next to the same audit run locally inside the VPS,
# interleaved run by run so both see the same machine load, with the JVM start (`--version`)
# measured in the same runs as the anchor. Design bar (issue 12): remote <= 2 x local.
# Needs root and the sandbox packages (.ci/run installs them). Tears the sandbox down on exit.
# Usage: src/bench/audit-remote.sh [runs]   (build first: mvn -q -B package -DskipTests)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs="${1:-5}"
sb="/tmp/hh-sandbox-rbench-$$"
# shellcheck source=sandbox-lib.sh
source src/bench/sandbox-lib.sh
home="$(mktemp -d /tmp/hh-rbench-home-XXXXXX)"
cleanup() {
  set +e # the teardown must run whatever failed before it
  sandbox_down_all
  rm -rf -- "$home"
}
trap cleanup EXIT
sandbox_up "rbench$$" "$sb"
id="rbench$$"
# the JVM takes its home from the password database, not HOME: the admin's ~/.ssh is given to it
ws_env=(env -i PATH=/usr/bin:/bin HOME="$home" USER=bench LANG=C.UTF-8
  JAVA_TOOL_OPTIONS="-Duser.home=$home")
on_ws() { nsenter --net="/var/run/netns/hhws-$id" -- "${ws_env[@]}" "$@"; }
# the admin as cloud images have it: in group sudo, sudo without a password
in_vps "$holder" usermod -aG sudo admin
in_vps "$holder" install -m 0440 /dev/null /etc/sudoers.d/hh-bench
in_vps "$holder" sh -c 'printf "admin ALL=(ALL:ALL) NOPASSWD: ALL\n" >/etc/sudoers.d/hh-bench'
install -d -m 0700 "$home/.ssh"
cp "$sb/ws/id_ed25519" "$sb/ws/id_ed25519.pub" "$home/.ssh/"
printf '203.0.113.10 %s\n' "$(in_vps "$holder" cut -d' ' -f1,2 /etc/ssh/ssh_host_ed25519_key.pub)" \
  >"$home/.ssh/known_hosts"
tool="$PWD/hermes-harden"
target=(--remote admin@203.0.113.10)
# warm-up (CDS archive, sshd's first login); each must give the audit's answer (3: findings)
in_vps "$holder" "$tool" audit --json >/dev/null || [[ $? -eq 3 ]]
on_ws "$tool" "${target[@]}" audit --json >/dev/null || [[ $? -eq 3 ]]
secs() { /usr/bin/time -f '%e' "$@" 2>&1 >/dev/null | tail -n 1; }
local_=() remote=() jvm=()
for ((i = 0; i < runs; i++)); do
  local_+=("$(secs nsenter --target "$holder" --mount --uts --net -- env -i \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
    "$tool" audit --json || true)")
  remote+=("$(secs nsenter --net="/var/run/netns/hhws-$id" -- "${ws_env[@]}" \
    "$tool" "${target[@]}" audit --json || true)")
  jvm+=("$(secs "$tool" --version || true)")
done
l=$(printf '%s\n' "${local_[@]}" | median)
r=$(printf '%s\n' "${remote[@]}" | median)
j=$(printf '%s\n' "${jvm[@]}" | median)
echo "audit of the sandbox VPS, $runs interleaved runs (median wall, JVM start included):"
echo "  local (inside the VPS): $l s   remote (--remote, sudo -n): $r s   JVM start: $j s"
awk -v l="$l" -v r="$r" -v j="$j" 'BEGIN {
  printf "  remote/local %.2f (bar <= 2); without the JVM start %.2f\n", r / l, (r - j) / (l - j) }'

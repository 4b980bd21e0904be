#!/usr/bin/env bash
# up.sh ID SB RES: builds one sandbox VPS run. SB = its state dir (on the host), RES = this dir.
# Prints nothing on success; the holder's pid is in SB/holder.pid. On failure the caller runs
# down.sh (which also copes with a half-built sandbox).
set -euo pipefail
id=$1 sb=$2 res=$3
PATH_IN=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mkdir -p "$sb"/{ws,fs/sbin,hermes}
# the helpers run inside the VPS from SB: RES may lie under a directory the VPS replaces (/root)
cp -r "$res" "$sb/res"
res=$sb/res
install -m 0755 "$res"/bin/* "$sb/fs/sbin/"
cp "$res"/hermes/docker-compose.yml "$res"/hermes/config.yaml "$res"/hermes/.env "$sb/hermes/"
ssh-keygen -q -t ed25519 -N '' -C admin@workstation -f "$sb/ws/id_ed25519"

bash "$res/net-up.sh" "$id"
setsid -f nsenter --net="/var/run/netns/hhvps-$id" \
  unshare --mount --uts --propagation private bash "$res/holder.sh" "$sb" </dev/null >"$sb/holder.log" 2>&1
for _ in $(seq 100); do [[ -s $sb/holder.pid ]] && break; sleep 0.1; done
[[ -s $sb/holder.pid ]] || { echo "holder did not start:" >&2; cat "$sb/holder.log" >&2; exit 1; }
holder=$(cat "$sb/holder.pid")

in_vps() { nsenter --target "$holder" --mount --uts --net -- env -i PATH="$PATH_IN" HOME=/root LANG=C.UTF-8 "$@"; }
in_vps bash "$res/fresh-vps.sh" "$sb"
in_vps systemctl start ssh
in_vps systemctl start docker
in_vps bash "$res/hermes-up.sh" >"$sb/hermes-up.log" 2>&1 || { cat "$sb/hermes-up.log" >&2; exit 1; }

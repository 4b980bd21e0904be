#!/usr/bin/env bash
# down.sh ID SB: tears one sandbox run down, whatever state it is in. Everything is stopped by
# pid: the containers (docker rm -f, before dockerd, or their shims outlive it), dockerd,
# fail2ban, sshd; then every process left in the VPS's mount namespace or in either network
# namespace; then the holder; then the namespaces and SB.
set -uo pipefail
id=$1 sb=$2
PATH_IN=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ino() { stat -L -c %i "$1" 2>/dev/null; }
holder=$(cat "$sb/holder.pid" 2>/dev/null || true)
mnt=""
# only a holder we made: its mount namespace differs from ours and it is our sleep
if [[ -n $holder ]] && [[ $(cat "/proc/$holder/cmdline" 2>/dev/null | tr '\0' ' ') == "sleep infinity "* ]] &&
  [[ $(ino "/proc/$holder/ns/mnt") != $(ino /proc/self/ns/mnt) ]]; then
  mnt=$(ino "/proc/$holder/ns/mnt")
  in_vps() { timeout "$1" nsenter --target "$holder" --mount --uts --net -- env -i PATH="$PATH_IN" HOME=/root "${@:2}"; }
  if [[ -S $sb/fs/run/docker.sock ]]; then
    ids=$(in_vps 20 docker ps -aq 2>/dev/null)
    [[ -n $ids ]] && in_vps 60 docker rm -f $ids >/dev/null 2>&1
  fi
  in_vps 40 systemctl stop fail2ban
  in_vps 40 systemctl stop docker
  in_vps 40 systemctl stop ssh
fi

# whatever is left: processes in the VPS's mount ns or in one of our network namespaces
nets=" $(ino "/var/run/netns/hhvps-$id") $(ino "/var/run/netns/hhws-$id") "
leftovers() {
  local p n
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    [[ $p == "$holder" || $p == "$$" ]] && continue
    n=$(ino "/proc/$p/ns/net")
    if [[ -n $mnt && $(ino "/proc/$p/ns/mnt") == "$mnt" ]] || [[ -n $n && $nets == *" $n "* ]]; then
      echo "$p"
    fi
  done
}
for sig in TERM KILL; do
  pids=$(leftovers)
  [[ -z $pids ]] && break
  kill -s "$sig" $pids 2>/dev/null
  sleep 1
done
if [[ -n $mnt ]]; then
  kill "$holder" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$holder" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$holder" 2>/dev/null
fi
ip netns del "hhvps-$id" 2>/dev/null
ip netns del "hhws-$id" 2>/dev/null
# SB's mounts lived only in the VPS's mount namespace; never rm through a mount seen here
if [[ -d $sb ]] && ! findmnt -rn -o TARGET | grep -q "^$sb"; then
  rm -rf "$sb"
fi
exit 0

#!/usr/bin/env bash
# net-up.sh ID: the two namespaces of one sandbox run and the links between them.
#   hhvps-ID  the VPS:         eth0 203.0.113.10/24 (public), tailscale0 100.64.0.10/10 (tailnet)
#   hhws-ID   the workstation: pub 203.0.113.7/24,            tnet 100.64.0.2/10
# Every address lives on veths inside namespaces made here; the host's interfaces are untouched.
set -euo pipefail
id=$1
vps=hhvps-$id ws=hhws-$id
ip netns add "$vps"
ip netns add "$ws"
# veth names are made in the host netns first: keep them short and unique per run
ip link add "hp$id" netns "$vps" type veth peer name "hpw$id" netns "$ws"
ip link add "ht$id" netns "$vps" type veth peer name "htw$id" netns "$ws"
ip -n "$vps" link set "hp$id" name eth0
ip -n "$vps" link set "ht$id" name tailscale0
ip -n "$ws" link set "hpw$id" name pub
ip -n "$ws" link set "htw$id" name tnet
ip -n "$vps" addr add 203.0.113.10/24 dev eth0
ip -n "$vps" addr add 100.64.0.10/10 dev tailscale0
ip -n "$ws" addr add 203.0.113.7/24 dev pub
ip -n "$ws" addr add 100.64.0.2/10 dev tnet
for ns in "$vps" "$ws"; do
  ip -n "$ns" link set lo up
done
ip -n "$vps" link set eth0 up
ip -n "$vps" link set tailscale0 up
ip -n "$ws" link set pub up
ip -n "$ws" link set tnet up
# a default route via the public link, as on a real VPS (keeps "which address do I use" honest)
ip -n "$ws" route add default via 203.0.113.10 dev pub

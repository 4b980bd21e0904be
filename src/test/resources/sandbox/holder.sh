#!/usr/bin/env bash
# holder.sh SB: the first process of the VPS's own mount namespace. Started as
#   nsenter --net=/var/run/netns/hhvps-ID unshare --mount --uts --propagation private bash holder.sh SB
# It gives the VPS its own /etc (a copy of the WHOLE /etc: single-file binds break adduser, which
# renames over /etc/passwd) and private /home /root /run /var/log /var/lib /var/backups /opt
# /usr/local/sbin, all backed by directories under SB/fs (the backup step writes /var/backups).
# Then it sleeps: others enter with
#   nsenter --target <this pid> --mount --uts --net
set -euo pipefail
sb=$1
fs=$sb/fs
mount --make-rprivate /
hostname vps1 # own UTS namespace: the VPS has its own name
mkdir -p "$fs"/{etc,home,root,run,log,lib,backups,opt,sbin}
cp -a /etc/. "$fs/etc/"
# dpkg-query must still see the installed packages: the host's dpkg database, read-only
mkdir -p "$fs/lib/dpkg"
mount --bind /var/lib/dpkg "$fs/lib/dpkg"
mount -o remount,bind,ro "$fs/lib/dpkg"
mount --bind "$fs/etc" /etc
mount --bind "$fs/home" /home
mount --bind "$fs/root" /root
mount --bind "$fs/run" /run
mount --bind "$fs/log" /var/log
mount --rbind "$fs/lib" /var/lib
mount --bind "$fs/backups" /var/backups
mount --bind "$fs/opt" /opt
mount --bind "$fs/sbin" /usr/local/sbin
echo $$ >"$sb/holder.pid"
exec sleep infinity

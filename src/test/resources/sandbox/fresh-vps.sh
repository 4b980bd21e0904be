#!/usr/bin/env bash
# fresh-vps.sh SB: runs INSIDE the VPS's namespaces and puts the copied system into the state of a
# fresh cloud VPS running Hermes in Docker: root login and passwords on (cloud-init drop-in), new
# host keys, user admin (uid 1000, not in sudo) with the workstation's key, ufw inactive, no
# fail2ban running, Hermes compose on 0.0.0.0 with a world-readable data dir.
set -euo pipefail
sb=$1
pub=$(cat "$sb/ws/id_ed25519.pub")

# --- systemd look-alike: /run/systemd/system marks a systemd host; systemctl is our stand-in
echo vps1 >/etc/hostname
grep -q " vps1$" /etc/hosts || echo "127.0.1.1 vps1" >>/etc/hosts
mkdir -p /run/systemd/system /run/sshd /run/fail2ban /run/lock /var/lib/hh-systemctl
chmod 0755 /run/sshd
touch /var/log/auth.log && chmod 0640 /var/log/auth.log

# --- sshd: new host keys, only the cloud-init drop-in, root login allowed
rm -f /etc/ssh/ssh_host_*
ssh-keygen -A >/dev/null
rm -f /etc/ssh/sshd_config.d/*
printf 'PasswordAuthentication yes\n' >/etc/ssh/sshd_config.d/50-cloud-init.conf
sed -i -E 's/^#?PermitRootLogin .*/PermitRootLogin yes/' /etc/ssh/sshd_config
grep -q '^PermitRootLogin yes' /etc/ssh/sshd_config || echo 'PermitRootLogin yes' >>/etc/ssh/sshd_config

# --- users: uid 1000 may belong to a user of the copied host; the VPS's uid 1000 is admin
while other=$(getent passwd 1000 | cut -d: -f1) && [[ -n "$other" && "$other" != admin ]]; do
  userdel -f "$other" # -f: a host process of that uid (no pid namespace here) must not block it
done
getent group 1000 >/dev/null && groupdel "$(getent group 1000 | cut -d: -f1)" || true
useradd -m -u 1000 -U -s /bin/bash admin
printf 'admin:%s\nroot:%s\n' "$(head -c 12 /dev/urandom | base64)" "$(head -c 12 /dev/urandom | base64)" | chpasswd
for home in /home/admin /root; do
  install -d -m 0700 "$home/.ssh"
  printf '%s\n' "$pub" >"$home/.ssh/authorized_keys"
  chmod 0600 "$home/.ssh/authorized_keys"
done
chown -R admin:admin /home/admin/.ssh

# --- ufw installed but inactive; no fail2ban running (its files point into this sandbox)
sed -i -E 's/^ENABLED=.*/ENABLED=no/' /etc/ufw/ufw.conf
cat >/etc/fail2ban/fail2ban.local <<'F2B'
# sandbox: socket, pidfile, log and database inside the VPS's own /run, /var/log, /var/lib
[Definition]
socket = /run/fail2ban/fail2ban.sock
pidfile = /run/fail2ban/fail2ban.pid
logtarget = /var/log/fail2ban.log
dbfile = /var/lib/fail2ban/fail2ban.sqlite3
F2B
mkdir -p /var/lib/fail2ban
echo 'disabled' >/var/lib/hh-systemctl/fail2ban
echo 'enabled' >/var/lib/hh-systemctl/ssh
echo 'enabled' >/var/lib/hh-systemctl/docker

# --- Hermes, set up from the upstream Docker guide (same files as the practice VPS)
install -d -m 0755 /opt/hermes /opt/hermes/data
cp "$sb/hermes/docker-compose.yml" /opt/hermes/docker-compose.yml
cp "$sb/hermes/config.yaml" "$sb/hermes/.env" /opt/hermes/data/
chmod 0644 /opt/hermes/docker-compose.yml /opt/hermes/data/config.yaml /opt/hermes/data/.env
chown -R root:root /opt/hermes

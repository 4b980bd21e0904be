#!/usr/bin/env bash
# hermes-up.sh: runs INSIDE the VPS. Builds the Hermes stand-in image without a registry
# (docker import of a busybox tree; its entrypoint serves 8642 = API and 9119 = dashboard with
# busybox httpd) and starts the compose project /opt/hermes as the upstream guide does.
set -euo pipefail
work=$(mktemp -d /var/lib/hh-image.XXXXXX)
root=$work/rootfs
mkdir -p "$root"/{bin,www,tmp,opt/data}
cp /bin/busybox "$root/bin/busybox"
for applet in sh httpd ls cat sleep wget; do ln -s busybox "$root/bin/$applet"; done
echo 'hermes stand-in' >"$root/www/index.html"
cat >"$root/entry.sh" <<'SH'
#!/bin/sh
# stand-in for "hermes gateway run": dashboard on 9119 (background), API on 8642 (foreground).
# Binds where Hermes would: HH_API_BIND (a test computes it from Hermes' precedence), else
# API_SERVER_HOST, else every address (so a bridge publish answers, as with the upstream image's
# documented API_SERVER_HOST=0.0.0.0); the dashboard on HERMES_DASHBOARD_HOST, else 0.0.0.0.
# It stops on SIGTERM as Hermes does: as PID 1 a process without a handler ignores it, and every
# "docker stop" or compose recreate would wait its 10 s grace period.
httpd -p "${HERMES_DASHBOARD_HOST:-0.0.0.0}:9119" -h /www
httpd -f -p "${HH_API_BIND:-${API_SERVER_HOST:-0.0.0.0}}:8642" -h /www &
trap 'kill $! 2>/dev/null; exit 0' TERM INT
wait
SH
tar -C "$root" -cf "$work/image.tar" .
docker import -c 'ENTRYPOINT ["/bin/sh", "/entry.sh"]' "$work/image.tar" \
  nousresearch/hermes-agent:latest >/dev/null
rm -rf "$work"
cd /opt/hermes
docker-compose up -d

#!/usr/bin/env bash
# Benchmark: is the audit flat with a 100 MB /var/log/auth.log (issue 14)? The `authlog` variant of
# audit-sandbox-scale.sh (two sandbox VPSes, fail2ban in both, one auth.log grown by
# grow-authlog.py; see there). Kept under this name for the figures in docs/performance.md.
# Usage: src/bench/audit-authlog.sh [rounds]   (build first: mvn -q -B package -DskipTests)
#        SIZE_MB=100 (default); TOOL=OTHER/hermes-harden measures another build (e.g. an older one)
exec "$(dirname "$0")/audit-sandbox-scale.sh" authlog "$@"

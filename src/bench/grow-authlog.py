#!/usr/bin/env python3
"""Grows an auth.log to SIZE bytes with realistic sshd lines that change no verdict.

Usage: grow-authlog.py PATH SIZE_BYTES

The new file is: lines of an SSH password-guessing campaign from documentation addresses
(198.51.100.0/24, RFC 5737) against made-up users, in sshd's own words ("Invalid user",
"Failed password for invalid user", "Connection closed by invalid user ... [preauth]",
"Disconnected from invalid user"), syslog-dated evenly from 8 days to 1 day ago, in order; then the
file's old content unchanged. Every added line is older than any jail's findtime (10 min by
default), so fail2ban, which on start seeks a log to now - findtime, counts none of them and bans
nobody; the newest lines (sshd's own, and the audit's probe) stay at the end. The file is replaced
by a rename (sshd's writer opens the path for each line).
"""
import os
import random
import sys
import time

USERS = ["admin", "test", "user", "oracle", "postgres", "ubuntu", "guest", "git", "ftpuser",
         "deploy", "support", "pi", "hadoop", "mysql", "jenkins", "www", "dev", "backup"]


def main():
    path, size = sys.argv[1], int(sys.argv[2])
    old = open(path, "rb").read() if os.path.exists(path) else b""
    rng = random.Random(14)
    want = size - len(old)
    avg = 95  # bytes per line, roughly
    n = max(1, want // avg)
    now = time.time()
    start, end = now - 8 * 86400, now - 86400
    tmp = path + ".grow"
    written = 0
    with open(tmp, "wb") as out:
        i = 0
        while written < want:
            t = time.localtime(start + (end - start) * min(i, n) / n)
            stamp = time.strftime("%b ", t) + ("%2d" % t.tm_mday) + time.strftime(" %H:%M:%S", t)
            pid = 1000 + rng.randrange(60000)
            ip = "198.51.100.%d" % rng.randrange(1, 255)
            port = rng.randrange(1024, 65536)
            user = rng.choice(USERS) + ("" if rng.random() < 0.5 else str(rng.randrange(100)))
            head = "%s vps1 sshd[%d]: " % (stamp, pid)
            block = (
                head + "Invalid user %s from %s port %d\n" % (user, ip, port)
                + head + "Failed password for invalid user %s from %s port %d ssh2\n" % (user, ip, port)
                + head + "Connection closed by invalid user %s %s port %d [preauth]\n" % (user, ip, port)
            ).encode()
            if written + len(block) > want:
                break
            out.write(block)
            written += len(block)
            i += 3
        out.write(old)
    st = os.stat(path) if os.path.exists(path) else None
    if st:
        os.chown(tmp, st.st_uid, st.st_gid)
        os.chmod(tmp, st.st_mode & 0o7777)
    os.rename(tmp, path)
    print("%s: %d bytes, %d lines added before its %d bytes" % (path, written + len(old), i, len(old)))


if __name__ == "__main__":
    main()

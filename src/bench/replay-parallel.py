#!/usr/bin/env python3
"""Replays the commands an audit ran, from its `--debug` trace, as argv lists, in parallel.

Usage: replay-parallel.py TRACE JOBS      (JOBS: a number, or "all" = every command at once)
       replay-parallel.py TRACE --list    (what would be replayed and what not, and why)

Trace lines look like `# +1204 exec 12 ms exit 0: sshd -T -C user=admin,...`; the argv after the
colon is in the form `ShellQuoting.join` writes (plain words, '...' with '\\'' for a quote, bash's
$'...' with \\\\ \\' \\n \\t \\r \\xHH). It is split here back into words; no shell ever sees it.

Not replayed, and listed by --list:
  * a line whose words, quoted again as ShellQuoting.quote does, do not give the traced text;
  * a command that was given input (`(input N B)`): the trace never says which bytes. In an audit
    that is the fail2ban probe, a failing ssh login, which also writes to auth.log;
  * a command whose program and arguments are not on the read-only list below: a benchmark must
    not change the VPS it measures. The audit only reads; the list makes sure of that.
`lstat`, `read`, `readlink` and `list` lines (and `ssh none` on the practice VPS) are file and SSH
questions, not commands (the JVM's own work; on a real host the sshd probe is a command, `ssh ...
PreferredAuthentications=none`, and is replayed; a read of a file another account can change
runs `setpriv ... head` inside the host, which the benchmark leaves out as before: only what the
audit ran as a command is replayed).

Prints one line: `WALL CPU N` = seconds from the first start to the last exit, the children's user
+ system CPU seconds, and how many commands ran. Every command's output is read through a pipe
(as the audit reads it) and dropped.
"""
import re
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

LINE = re.compile(r"^# \+\d+ exec \d+ ms exit -?\d+( \(input \d+ B\))?: (.*)$")
ESCAPES = {"\\": "\\", "'": "'", "n": "\n", "t": "\t", "r": "\r"}


def split(line):
    """The words of a ShellQuoting.join line."""
    words, i, n = [], 0, len(line)
    while i < n:
        word = []
        while i < n and line[i] != " ":
            if line.startswith("$'", i):
                i += 2
                while line[i] != "'":
                    if line[i] == "\\":
                        nxt = line[i + 1]
                        if nxt == "x":
                            word.append(chr(int(line[i + 2 : i + 4], 16)))
                            i += 4
                        else:
                            word.append(ESCAPES[nxt])
                            i += 2
                    else:
                        word.append(line[i])
                        i += 1
                i += 1
            elif line[i] == "'":
                end = line.index("'", i + 1)
                word.append(line[i + 1 : end])
                i = end + 1
            elif line[i] == "\\":
                word.append(line[i + 1])
                i += 2
            else:
                word.append(line[i])
                i += 1
        words.append("".join(word))
        i += 1
    return words


PLAIN = re.compile(r"[A-Za-z0-9_@%+=:,./-]+")


def quote(word):
    """ShellQuoting.quote, to check that a split gives back the very words the trace showed."""
    if PLAIN.fullmatch(word):
        return word
    if any(ord(c) < 0x20 or ord(c) == 0x7F for c in word):
        out = []
        for c in word:
            if c in "\\'\n\t\r":
                out.append({"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"}[c])
            elif ord(c) < 0x20 or ord(c) == 0x7F:
                out.append("\\x%02x" % ord(c))
            else:
                out.append(c)
        return "$'" + "".join(out) + "'"
    return "'" + word.replace("'", "'\\''") + "'"


def fail2ban_client(a):
    return a[:1] == ["status"] or (a[:1] == ["get"] and len(a) >= 3)


def systemctl(a):
    return len(a) == 2 and a[0] in ("is-active", "is-enabled")


def docker(a):
    return a[:1] in (["ps"], ["inspect"], ["info"], ["version"]) or a[:2] == ["compose", "ls"]


def sshd(a):
    return a in (["-T"], ["-t"], ["-V"]) or (len(a) == 3 and a[:2] == ["-T", "-C"])


def ssh(a):  # the sshd probe: `none` authentication only, no configuration, key or agent
    return a[:2] == ["-F", "/dev/null"] and "PreferredAuthentications=none" in a and a[-1] == "true"


def find(a):  # none of find's actions that write or run something
    return not {"-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprint0",
                "-fprintf", "-fls"} & set(a)

READ_ONLY = {
    "getent": lambda a: True,
    "passwd": lambda a: a[:1] == ["-S"],
    "id": lambda a: True,
    "sshd": sshd,
    "ssh": ssh,
    "sudo": lambda a: a[:2] == ["-n", "-l"],
    "stat": lambda a: True,
    "tailscale": lambda a: a[:1] in (["status"], ["ip"]),
    "ip": lambda a: "show" in a and not {"add", "del", "set", "change", "flush"} & set(a),
    "ufw": lambda a: a[:1] == ["status"],
    "iptables-save": lambda a: True,
    "ip6tables-save": lambda a: True,
    "dpkg-query": lambda a: True,
    "systemctl": systemctl,
    "fail2ban-client": fail2ban_client,
    "fail2ban-regex": lambda a: True,
    "docker": docker,
    "getfacl": lambda a: True,
    "find": find,
    "ss": lambda a: True,
    "apt-config": lambda a: a[:1] == ["dump"],
    "date": lambda a: not any(w.startswith("-s") or w.startswith("--set") for w in a),
    "od": lambda a: True,
    "tail": lambda a: "-f" not in a and "--follow" not in a,
    "ldd": lambda a: True,
    "cat": lambda a: True,
    "ls": lambda a: True,
    "readlink": lambda a: True,
    "sha256sum": lambda a: True,
    "journalctl": lambda a: True,
}


def commands(trace):
    keep, skipped = [], []
    for line in open(trace, encoding="utf-8", errors="replace"):
        m = LINE.match(line.rstrip("\n"))
        if not m:
            continue
        try:
            argv = split(m.group(2))
        except (IndexError, KeyError, ValueError):
            argv = None
        if argv is None or " ".join(map(quote, argv)) != m.group(2):
            skipped.append(("its words do not quote back to the traced text", [m.group(2)]))
        elif m.group(1):
            skipped.append(("given input", argv))
        elif argv[0] not in READ_ONLY or not READ_ONLY[argv[0]](argv[1:]):
            skipped.append(("not on the read-only list", argv))
        else:
            keep.append(argv)
    return keep, skipped


def run(argv):
    try:
        subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=180)
    except FileNotFoundError:
        pass  # as for the audit (exit 127 in its trace): the program is not installed


def main():
    keep, skipped = commands(sys.argv[1])
    if sys.argv[2] == "--list":
        for argv in keep:
            print("replay", argv)
        for why, argv in skipped:
            print("skip (%s)" % why, argv)
        return
    jobs = len(keep) if sys.argv[2] == "all" else int(sys.argv[2])
    t0 = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        list(pool.map(run, keep))
    wall = time.monotonic() - t0
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    print("%.3f %.3f %d" % (wall, ru.ru_utime + ru.ru_stime, len(keep)))


if __name__ == "__main__":
    main()

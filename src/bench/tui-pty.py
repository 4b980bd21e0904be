#!/usr/bin/env python3
"""Benchmark of the full-screen wizard in a real pseudo-terminal (80x24, UTF-8).

Prints three figures; asserts nothing:
  * start to first frame: from spawning the launcher until the step list is on the screen ("Steps")
    (median of N runs, JVM start included);
  * bytes written to the terminal per navigation keystroke (arrow keys in the step list and
    Tab between panes), after the first frame has settled;
(peak RSS of a whole walk-through: src/bench/tui-walk-rss.sh)

Usage: src/bench/tui-pty.py [runs]   (build first: mvn -q -B package -DskipTests)
"""
import os, pty, select, statistics, subprocess, sys, tempfile, time, struct, fcntl, termios

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAUNCHER = os.path.join(ROOT, "hermes-harden")


def spawn(state, wrap=None):
    argv = [LAUNCHER, "--practice", "--state-dir", state]
    if wrap:
        argv = wrap + argv
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update({"TERM": "xterm-256color", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    return pid, fd


def answer(fd, chunk):
    """Plays the terminal's part: Lanterna asks for the cursor position to learn the size."""
    if b"\x1b[6n" in chunk:
        os.write(fd, b"\x1b[24;80R")


def read_until(fd, needle, timeout=30.0):
    buf = b""
    end = time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            answer(fd, chunk)
            buf += chunk
            if needle in buf:
                return buf
    raise RuntimeError("never saw %r; got %d bytes" % (needle, len(buf)))


def drain(fd, quiet=0.4):
    """Reads until the terminal has been quiet for `quiet` seconds; returns the bytes."""
    buf = b""
    while True:
        r, _, _ = select.select([fd], [], [], quiet)
        if not r:
            return buf
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return buf
        if not chunk:
            return buf
        answer(fd, chunk)
        buf += chunk


def finish(pid, fd):
    os.write(fd, b"q")
    drain(fd, 1.0)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)


def first_frame(runs):
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as state:
            t0 = time.time()
            pid, fd = spawn(state)
            read_until(fd, b"Steps")
            times.append(time.time() - t0)
            drain(fd)
            finish(pid, fd)
    return times


def bytes_per_key():
    with tempfile.TemporaryDirectory() as state:
        pid, fd = spawn(state)
        read_until(fd, b"Steps")
        drain(fd, 1.0)
        keys = [b"\x1b[B", b"\x1b[A"] * 10 + [b"\t"] * 6
        sizes = []
        for k in keys:
            os.write(fd, k)
            sizes.append(len(drain(fd, 0.3)))
        finish(pid, fd)
        return sizes


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    t = first_frame(runs)
    print("start to first frame, %d runs: median %.3f s, min %.3f s, max %.3f s"
          % (runs, statistics.median(t), min(t), max(t)))
    sizes = bytes_per_key()
    for name, part in (("arrow keys (step list, with preview)", sizes[:20]), ("Tab between panes", sizes[20:])):
        print("bytes per keystroke, %s, %d keys: median %d, mean %.0f, max %d"
              % (name, len(part), statistics.median(part), statistics.mean(part), max(part)))


if __name__ == "__main__":
    main()

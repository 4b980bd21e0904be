#!/usr/bin/env python3
"""Benchmark of the full-screen wizard in a real pseudo-terminal (80x24, UTF-8).

Prints the figures; asserts nothing:
  * start to first full frame: from spawning the launcher until the step list AND the first live
    check results are on the screen ("Live checks: N of M ok"; the placeholder frame that says
    "Starting" does not count), and the process's RSS and CPU time (user + system, all threads)
    at that moment; median of N runs (on a shared machine the CPU time moves less than the wall
    time, which includes waiting for a core);
  * the anchor, measured in the same runs, interleaved: a Java "hello" with the launcher's JVM
    flags (time and RSS);
  * bytes written to the terminal and write() calls of the process (/proc/PID/io syscw) per
    navigation keystroke (arrow keys in the step list and Tab between panes), after the first
    frame has settled.
Every run counts: the class-data archive is the one the build made (target/hermes-harden-practice.jsa,
from the class list of a headless first minute); it is made again first if it is missing or
older than the jar, and the script says so (see build_class_data_archive).
(peak RSS of a whole walk-through: src/bench/tui-walk-rss.py)

Usage: src/bench/tui-pty.py [runs]   (build first: mvn -q -B package -DskipTests)
"""
import os, pty, re, select, statistics, subprocess, sys, tempfile, time, struct, fcntl, termios

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


class Screen:
    """Just enough of a VT100 to see the text on an 80x24 screen: cursor moves and characters.
    (Lanterna writes only what changed, so a line's text is seldom in the byte stream whole.)"""

    CSI = re.compile(rb"\x1b\[([0-9;?]*)([A-Za-z@])")

    def __init__(self, rows=24, cols=80):
        self.rows, self.cols = rows, cols
        self.cells = [[" "] * cols for _ in range(rows)]
        self.r = self.c = 0
        self.pending = b""

    def feed(self, data):
        data = self.pending + data
        self.pending = b""
        i = 0
        while i < len(data):
            b = data[i]
            if b == 0x1B:
                m = self.CSI.match(data, i)
                if not m:
                    if len(data) - i < 16:
                        self.pending = data[i:]
                        return
                    i += 2  # ESC 7, ESC 8 and the like
                    continue
                args, cmd = m.group(1), m.group(2)
                if cmd == b"H":
                    nums = [int(x) if x else 1 for x in args.split(b";")] if args else [1, 1]
                    self.r, self.c = nums[0] - 1, (nums[1] if len(nums) > 1 else 1) - 1
                elif cmd == b"J" and args in (b"2", b""):
                    self.cells = [[" "] * self.cols for _ in range(self.rows)]
                i = m.end()
            elif b == 0x0D:
                self.c = 0
                i += 1
            elif b == 0x0A:
                self.r += 1
                i += 1
            elif b < 0x20:
                i += 1
            else:
                n = 1 if b < 0x80 else 2 if b < 0xE0 else 3 if b < 0xF0 else 4
                if i + n > len(data):
                    self.pending = data[i:]
                    return
                ch = data[i:i + n].decode("utf-8", "replace")
                if 0 <= self.r < self.rows and 0 <= self.c < self.cols:
                    self.cells[self.r][self.c] = ch
                self.c += 1
                i += n

    def text(self):
        return "\n".join("".join(row) for row in self.cells)


def read_until(fd, needle, timeout=30.0):
    """Reads until `needle` (bytes) is on the screen; returns the bytes read."""
    buf = b""
    screen = Screen()
    want = needle.decode("utf-8")
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
            screen.feed(chunk)
            if want in screen.text():
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


FRAME = b"Live checks: "  # the first full frame: steps and the first check results


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def cpu_s(pid):
    """User + system CPU time of the process so far (all its threads), in seconds."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def syscw(pid):
    with open("/proc/%d/io" % pid) as f:
        for line in f:
            if line.startswith("syscw:"):
                return int(line.split()[1])
    return 0


def hello(tmp):
    """The JVM floor: a class that prints one line, with the launcher's JVM flags."""
    src = os.path.join(tmp, "Hello.java")
    if not os.path.exists(os.path.join(tmp, "Hello.class")):
        with open(src, "w") as f:
            f.write('class Hello { public static void main(String[] a) { System.out.println("hello"); } }')
        subprocess.run(["javac", "-d", tmp, src], check=True)
    flags = launcher_flags() + ["-Xshare:auto"]  # the JDK's own archive
    out = os.path.join(tmp, "time")
    t0 = time.time()
    subprocess.run(["/usr/bin/time", "-f", "%U %S %M", "-o", out, "java"] + flags
                   + ["-cp", tmp, "Hello"], check=True, stdout=subprocess.DEVNULL)
    t = time.time() - t0
    with open(out) as f:
        user, system, rss = f.read().split()[-3:]
        return t, int(rss), float(user) + float(system)


def one_frame():
    with tempfile.TemporaryDirectory() as state:
        t0 = time.time()
        pid, fd = spawn(state)
        read_until(fd, FRAME)
        t = time.time() - t0
        rss = rss_kib(pid)
        cpu = cpu_s(pid)
        drain(fd)
        finish(pid, fd)
        return t, rss, cpu


def per_key():
    with tempfile.TemporaryDirectory() as state:
        pid, fd = spawn(state)
        read_until(fd, FRAME)
        drain(fd, 1.0)
        keys = [b"\x1b[B", b"\x1b[A"] * 10 + [b"\t"] * 6
        sizes, writes = [], []
        for k in keys:
            before = syscw(pid)
            os.write(fd, k)
            sizes.append(len(drain(fd, 0.3)))
            writes.append(syscw(pid) - before)
        finish(pid, fd)
        return sizes, writes


def launcher_flags():
    """The launcher's JVM flags, from the launcher itself."""
    out = subprocess.run([LAUNCHER, "--jvm-flags"], check=True, capture_output=True, text=True)
    return out.stdout.split()


def build_class_data_archive():
    """The archive the launcher maps is the build's (mvn package: src/build/class-data-archive.sh),
    the same on every machine whatever ran first; no run records one. It is made again here only if
    it is missing or older than the jar (the launcher would not use it), and then said so."""
    target = os.path.join(ROOT, "target")
    # the wizard here runs --practice: the launcher maps the practice archive
    jar = os.path.join(target, "hermes-harden.jar")
    jsa = os.path.join(target, "hermes-harden-practice.jsa")
    if os.path.exists(jsa) and os.path.getmtime(jsa) > os.path.getmtime(jar):
        print("class-data archive: the build's, %s (%.1f MB)" % (jsa, os.path.getsize(jsa) / 1e6))
        return
    print("class-data archive: missing or older than the jar; made again as the build makes it")
    subprocess.run(["bash", os.path.join(ROOT, "src", "build", "class-data-archive.sh"), target],
                   check=True)


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    with tempfile.TemporaryDirectory() as tmp:
        build_class_data_archive()
        hello(tmp)
        frames, anchors = [], []
        for _ in range(runs):  # interleaved: the anchor and the wizard in turns
            anchors.append(hello(tmp))
            frames.append(one_frame())
    ft = [f[0] for f in frames]
    fr = [f[1] / 1024 for f in frames]
    ht = statistics.median(a[0] for a in anchors)
    hr = statistics.median(a[1] / 1024 for a in anchors)
    fc = statistics.median(f[2] for f in frames)
    hc = statistics.median(a[2] for a in anchors)
    print("start to first full frame (steps + check results), pty 80x24, %d runs: median %.3f s"
          " (min %.3f, max %.3f) = %.1fx the JVM hello; RSS at first frame median %.1f MiB"
          % (runs, statistics.median(ft), min(ft), max(ft), statistics.median(ft) / ht,
             statistics.median(fr)))
    print("CPU time (user + system) to the first full frame: median %.2f s = %.1fx the JVM hello's"
          % (fc, fc / hc))
    print("anchor, same runs: JVM hello (launcher flags) median %.3f s, RSS %.1f MiB, CPU %.2f s"
          % (ht, hr, hc))
    sizes, writes = per_key()
    for name, a, b in (("arrow keys (step list, with preview)", 0, 20), ("Tab between panes", 20, 26)):
        print("per keystroke, %s, %d keys: bytes median %d, max %d; write() calls median %d, max %d"
              % (name, b - a, statistics.median(sizes[a:b]), max(sizes[a:b]),
                 statistics.median(writes[a:b]), max(writes[a:b])))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark: peak RSS of a whole practice walk-through of the full-screen wizard.

Drives `./hermes-harden --practice --state-dir DIR` in a real pseudo-terminal (80x24, UTF-8) with
the keys a person presses, the way the test walk does (src/test/.../tui/Walk.java, which
WizardWalkTest runs over every step; it skips none; its extra look at the approvals step's Apply
dialog, a and Esc, is an assertion on the text and is left out here):
  * on each step, once the wizard is idle: a dialog on the screen ("Apply now", "Run it
    (practice)", "There is nothing to change") is answered with its first button (1); otherwise
    Apply (a) is pressed once if the step has fixes, then Prove login (p) once if the step produces
    login evidence; the step has passed when the status line says "Step N <name> passed. On to the
    next step." or the wizard has moved to another step or to the summary report;
  * a key refused while a task ran ("Still working") is pressed again once the wizard is idle;
  * at the end the summary report's text is printed, the report closed (2) and the wizard quit (q).
"Idle" is read off the screen, as the test harness does it: the terminal has been quiet for a
moment and neither status row above the key bar starts with "..." (a task's progress line), or a
proof dialog waits for the admin.

Prints the RSS of the wizard's JVM (VmRSS, and VmHWM, its peak so far) after each step, the peak RSS
of the whole run (getrusage of the process, ru_maxrss), and as the anchor, measured in the same
run, the peak RSS of the launcher's `--version`. A stall (no progress within WAIT seconds, or the
whole walk over DEADLINE seconds) prints the screen and exits 2; it never hangs. The class-data
archive is the build's (made again first only if missing or stale, and said so): no run records one.

Usage: src/bench/tui-walk-rss.py   (build first: mvn -q -B package -DskipTests)
"""
import importlib.util, os, re, select, signal, subprocess, sys, tempfile, time
import yaml  # PyYAML: the step files are YAML

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LAUNCHER = os.path.join(ROOT, "hermes-harden")
WAIT = 20.0  # seconds for any one screen to come (the test harness waits 15)
DEADLINE = 240.0  # seconds for the whole walk
QUIET = 0.3  # seconds without output after which a frame counts as drawn whole

# the pty, the VT model and the cursor-position answer of the frame benchmark, reused
_spec = importlib.util.spec_from_file_location("tui_pty", os.path.join(ROOT, "src/bench/tui-pty.py"))
tui_pty = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(tui_pty)


class Stall(Exception):
    pass


def messages():
    """The English texts, as MessageFormat patterns (the file has no continued lines)."""
    m = {}
    escape = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
    plain = {"n": "\n", "t": "\t"}
    with open(os.path.join(ROOT, "i18n/messages.properties"), encoding="utf-8") as f:
        for line in f:
            if "=" in line and not line.lstrip().startswith(("#", "!")):
                k, v = line.rstrip("\n").split("=", 1)
                v = escape.sub(
                    lambda e: chr(int(e.group(1)[1:], 16)) if len(e.group(1)) == 5
                    else plain.get(e.group(1), e.group(1)), v)
                m[k.strip()] = v.replace("''", "'")
    return m


def fmt(pattern, *args):
    return re.sub(r"\{(\d+)\}", lambda g: str(args[int(g.group(1))]), pattern)


def steps():
    """The steps in order, as wizard-steps/index.txt lists them."""
    with open(os.path.join(ROOT, "wizard-steps/index.txt")) as f:
        names = [n.strip() for n in f if n.strip()]
    out = []
    for n in names:
        with open(os.path.join(ROOT, "wizard-steps", n), encoding="utf-8") as f:
            out.append(yaml.safe_load(f))
    return out


class Wizard:
    """The wizard in a pty; what is on its screen, and keys to it."""

    def __init__(self, state):
        self.pid, self.fd = tui_pty.spawn(state)
        self.screen = tui_pty.Screen()
        self.last_output = time.time()
        self.refusals = 0  # chunks that drew the "still working" sentence
        self.busy_text = None

    def pump(self, timeout):
        """Reads what the wizard wrote within `timeout` seconds; False once the pty is closed."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        tui_pty.answer(self.fd, chunk)
        self.screen.feed(chunk)
        self.last_output = time.time()
        if self.busy_text and self.busy_text in self.screen.text():
            self.refusals += 1
        return True

    def text(self):
        return self.screen.text()

    def type(self, keys):
        os.write(self.fd, keys.encode())

    def settled(self, shows, idle_dialogs):
        """The screen, once it has been quiet for QUIET s, shows what is asked and the wizard is
        idle (no progress line, or a dialog that waits for the admin); asked twice, a moment
        apart, as a finished task may chain the next one. None if not so now."""
        for _ in range(2):
            while time.time() - self.last_output < QUIET:
                if not self.pump(QUIET):
                    raise Stall("the wizard ended")
            s = self.text()
            if not (shows(s) and idle(s, idle_dialogs)):
                return None
            self.pump(0.05)
        return self.text()

    def rss(self):
        """(VmRSS, VmHWM) of the wizard's JVM now, in KiB."""
        v = {}
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith(("VmRSS:", "VmHWM:")):
                    v[line.split(":")[0]] = int(line.split()[1])
        return v["VmRSS"], v["VmHWM"]

    def exited(self, timeout):
        """Waits for the wizard to end; its wait status and resource usage (ru_maxrss: peak RSS)."""
        end = time.time() + timeout
        while time.time() < end:
            # reads what it writes on its way out, so it never blocks on a full pty
            if not self.pump(0.1):
                time.sleep(0.05)
            pid, status, usage = os.wait4(self.pid, os.WNOHANG)
            if pid:
                self.pid = None
                return status, usage
        raise Stall("the wizard did not quit")

    def kill(self):
        """Ends the wizard if it still runs (a stall, or this script failed); closes the pty."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None
        os.close(self.fd)


def idle(screen, idle_dialogs):
    rows = screen.split("\n")
    working = any(r.startswith(("…", "...")) for r in rows[-3:-1])
    return not working or any(d in screen for d in idle_dialogs)


class Walk:
    """Walk.java's keys and waits, over the pty."""

    def __init__(self, wiz, m, deadline):
        self.w, self.m, self.deadline = wiz, m, deadline
        self.run = m["tui.prove.practice.run"]
        self.confirm = m["tui.button.apply-confirm"]
        self.nothing = m["tui.apply.nothing"].split(".")[0]  # the dialog wraps the rest
        self.report = m["tui.report.title"]
        wiz.busy_text = m["tui.busy"].split(";")[0]

    def wait(self, shows, what):
        end = min(time.time() + WAIT, self.deadline)
        while time.time() < end:
            s = self.w.settled(shows, [self.run])
            if s is not None:
                return s
            self.w.pump(0.05)
        raise Stall("the screen never showed %s" % what)

    def wait_any(self, *texts):
        return self.wait(lambda s: any(t in s for t in texts), "any of %r" % (texts,))

    def wait_gone(self, text):
        return self.wait(lambda s: text not in s, "%r gone" % text)

    def press(self, key, *texts):
        """Presses the key until the screen shows any of the texts; pressed again when it was
        refused ("still working") and the wizard is idle now."""
        for _ in range(5):
            before = self.w.refusals
            self.w.type(key)
            end = min(time.time() + WAIT, self.deadline)
            while time.time() < end:
                if self.w.settled(lambda s: any(t in s for t in texts), [self.run]) is not None:
                    return
                if self.w.refusals > before and self.w.settled(lambda s: True, [self.run]):
                    break
                self.w.pump(0.05)
        raise Stall("pressing %r never showed any of %r" % (key, texts))

    def harden(self, d):
        m = self.m
        title = m[d["title"]]
        short = m["tui.short." + d["id"]]
        passed = fmt(m["tui.passed"], "%d %s" % (d["order"], short))
        heading = m["tui.checks.heading"]
        applied = not d.get("fixes")
        proved = not d.get("produces")
        stuck = 0
        for _ in range(30):
            s = self.wait_any(self.run, self.confirm, self.nothing, passed, self.report, heading)
            dialog = next((t for t in (self.run, self.confirm, self.nothing) if t in s), None)
            if dialog:
                # the first button: "Apply now" (where a risky change focuses Cancel), "Run it",
                # "Close"
                self.w.type("1")
                self.wait_gone(dialog)
            elif passed in s or title not in s or self.report in s:
                return
            elif not applied:
                self.press("a", self.confirm, self.nothing)
                applied = True
            elif not proved:
                self.press("p", self.run)
                proved = True
            elif stuck < 10:
                # between a dialog closing and the task it starts the wizard looks idle a moment
                stuck += 1
                time.sleep(0.3)
            else:
                raise Stall("step %s does not pass" % d["id"])
        raise Stall("step %s keeps asking" % d["id"])


def dialog_text(screen, title):
    """The lines inside the box whose top border carries the title."""
    rows = screen.split("\n")
    top = next(i for i, r in enumerate(rows) if title in r and "┌" in r)
    left, right = rows[top].index("┌"), rows[top].index("┐")
    lines = []
    for r in rows[top + 1:]:
        if r[left] == "└":
            break
        lines.append(r[left + 1:right].rstrip())
    return [l for l in lines if l]


def peak_rss_of(argv):
    """Runs argv to its end; its peak RSS (ru_maxrss) in KiB."""
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    return usage.ru_maxrss


def build_class_data_archive():
    """The build's archive, made again only if missing or stale, as tui-pty.py checks it."""
    tui_pty.build_class_data_archive()


def mib(kib):
    return kib / 1024


def main():
    m = messages()
    defs = steps()
    build_class_data_archive()
    t0 = time.time()
    with tempfile.TemporaryDirectory() as tmp:
        state = os.path.join(tmp, "s")
        wiz = Wizard(state)
        walk = Walk(wiz, m, t0 + DEADLINE)
        at = "the first frame"
        try:
            walk.wait_any(m["tui.checks.heading"])
            rss, hwm = wiz.rss()
            print("first frame: RSS %.1f MiB, peak %.1f MiB" % (mib(rss), mib(hwm)))
            for d in defs:
                at = "step %d %s" % (d["order"], d["id"])
                started = time.time()
                walk.harden(d)
                before = hwm
                rss, hwm = wiz.rss()
                print("after step %2d %-13s %4.1f s  RSS %5.1f MiB, peak %5.1f MiB (%+4.1f)"
                      % (d["order"], d["id"], time.time() - started, mib(rss), mib(hwm),
                         mib(hwm - before)))
            at = "the summary report"
            n = len(defs)
            done = fmt(m["tui.report.done"], n, 0, n, "").split("\n")[0]
            summary = walk.wait_any(walk.report)
            print("the summary report said:")
            for line in dialog_text(summary, walk.report):
                print("  | " + line)
            print("summary as expected (%r): %s" % (done, "yes" if done in summary else "NO"))
            wiz.type("2")
            walk.wait_gone(done.split(":")[0])
            at = "quitting"
            wiz.type("q")
            status, usage = wiz.exited(WAIT)
        except Stall as e:
            print("STALL at %s after %.0f s: %s\n%s" % (at, time.time() - t0, e, wiz.text()))
            sys.exit(2)
        finally:
            wiz.kill()
        wall = time.time() - t0
        reports = os.listdir(os.path.join(state, "reports"))
    anchor = peak_rss_of([LAUNCHER, "--version"])
    print("whole practice walk-through (%d steps, %.0f s, exit %d, report files %d): peak RSS"
          " %.1f MiB (bar 64); anchor, same run: the launcher's --version %.1f MiB"
          % (len(defs), wall, os.waitstatus_to_exitcode(status), len(reports),
             mib(usage.ru_maxrss), mib(anchor)))


if __name__ == "__main__":
    main()

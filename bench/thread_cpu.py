#!/usr/bin/env python3
"""Runs a command and reports the CPU time of its threads, grouped by thread name.

    python3 bench/thread_cpu.py [--interval 0.02] [--out FILE] -- java ... -jar mirror.jar run ::

Polls /proc/PID/task/*/stat of the command's process (the first process: run java itself, not
a shell script that forks it) every interval, keeping the last user+system ticks seen per
thread, so threads that end between two polls lose at most one interval. Names are the kernel's
(15 characters: "HttpClient-1-Wo", "C2 CompilerThre"), grouped with their trailing numbers
taken off. Prints wall, user and system CPU of the process (exact, from wait4) and the
table, to stderr or --out; the command's own output passes through. The first line is "wall user system" in seconds.
"""
import os
import re
import subprocess
import sys
import time

TICK = os.sysconf("SC_CLK_TCK")


def stat_fields(path):
    with open(path) as f:
        s = f.read()
    # comm may hold spaces and parentheses: the fields after it start after the last ')'.
    name = s[s.index("(") + 1:s.rindex(")")]
    rest = s[s.rindex(")") + 2:].split()
    return name, int(rest[11]), int(rest[12])  # utime, stime (fields 14 and 15)


def group(name):
    name = re.sub(r"[-#_ ]?\d+$", "", name)
    return re.sub(r"-\d+-", "-", name)


def main(argv):
    interval = 0.02
    out = sys.stderr
    while argv and argv[0] != "--":
        if argv[0] == "--interval":
            interval = float(argv[1])
            argv = argv[2:]
        elif argv[0] == "--out":
            out = open(argv[1], "w")
            argv = argv[2:]
        else:
            sys.exit("usage: thread_cpu.py [--interval S] [--out FILE] -- COMMAND...")
    cmd = argv[1:]
    start = time.monotonic()
    proc = subprocess.Popen(cmd)
    seen = {}
    total = (0, 0)
    rusage = None
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            rusage = usage
            code = os.waitstatus_to_exitcode(status)
            break
        try:
            for tid in os.listdir(f"/proc/{proc.pid}/task"):
                try:
                    seen[tid] = stat_fields(f"/proc/{proc.pid}/task/{tid}/stat")
                except (FileNotFoundError, ProcessLookupError, ValueError):
                    pass
            _, u, s = stat_fields(f"/proc/{proc.pid}/stat")
            total = (u, s)
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        time.sleep(interval)
    wall = time.monotonic() - start
    groups = {}
    for name, u, s in seen.values():
        g = groups.setdefault(group(name), [0, 0, 0])
        g[0] += u
        g[1] += s
        g[2] += 1
    # The first line, for scripts: wall, user and system seconds (exact, from wait4).
    print(f"{wall:.3f} {rusage.ru_utime:.2f} {rusage.ru_stime:.2f}", file=out)
    print(f"exit {code}; wall {wall:.3f} s; cpu user {rusage.ru_utime:.2f} s, system"
          f" {rusage.ru_stime:.2f} s; threads (polled every {interval} s):", file=out)
    print(f"{'threads':<24} {'n':>3} {'user s':>7} {'sys s':>7}", file=out)
    for name, (u, s, n) in sorted(groups.items(), key=lambda kv: -(kv[1][0] + kv[1][1])):
        if u + s:
            print(f"{name:<24} {n:>3} {u / TICK:>7.2f} {s / TICK:>7.2f}", file=out)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

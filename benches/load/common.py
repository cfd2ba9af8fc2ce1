"""What the load scripts share: a free loopback port, waiting for the server to listen, and
reading the server's memory and CPU time from /proc (Linux). Standard library only."""
import contextlib
import os
import socket
import subprocess
import sys
import threading
import time


def free_port():
    """A loopback port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, seconds=10):
    """Returns once the port accepts connections; ends the run if it does not in time."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    sys.exit(f"the server did not start listening within {seconds} s")


def proc_status(pid, keys=("VmRSS", "VmHWM", "Threads")):
    """The fields `keys` of /proc/<pid>/status, as numbers (memory in kB)."""
    found = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in keys:
                found[key] = int(value.split()[0])
    return found


def cpu_seconds(pid):
    """The CPU time (user + system) the process has used so far, in seconds."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    """The value below which `fraction` (0..1) of `values` lie; nan when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


@contextlib.contextmanager
def serve(binary):
    """Runs the server at `binary` on a free loopback port for the block, which gets the port
    and the process once it listens; stops it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [binary, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={"STEPSTONE_LOG": "warn", "PATH": "/usr/bin:/bin"},
    )
    try:
        wait_listening(port)
        yield port, server
    finally:
        server.terminate()
        server.wait(timeout=10)


def run_threads(worker, threads):
    """Runs `worker(n)` on `threads` threads at once; the seconds they took together."""
    started = time.monotonic()
    pool = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return time.monotonic() - started

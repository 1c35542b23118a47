"""Where a JVM's CPU went over a run, by what its threads do: the backlog benchmark's "CPU by thread" table.

    python3 bench/thread-cpu.py snapshot <process=pid>...          # one line per thread: process tid name ticks
    python3 bench/thread-cpu.py groups <start> <end> <process=cpu-seconds>...

A snapshot reads each process's /proc/<pid>/task/*/stat (user and system ticks) and the thread's name (its first 15
characters, spaces as '_'); `groups` takes two snapshots and each process's whole CPU over the same interval (from
/proc/<pid>/stat, which keeps the time of threads that ended) and prints "threads <process> <group> <seconds>" lines for
results.txt. Threads that ended between the snapshots (short-lived pools) show as "ended"; the rest of a process's
threads by the first rule their name matches.
"""
import os
import re
import sys

# (group, pattern on the thread's name), first match wins
GROUPS = [
    ("Kafka listeners", r"^org\.springframe"),  # KafkaListenerEndpointContainer#n-m-C-k: the inbox, one per consumer
    ("event processors", r"^(WorkPackage|Coordinator)\["),  # Axon's pooled streaming processors: projections, relay
    ("event store reader", r"^EmbeddedEventSt"),  # Axon's one thread reading the store for every tailing processor
    ("JIT compilers", r"^C[12]_Compiler"),
    ("GC and safepoints", r"^(VM_Thread|GC_Thread|G1_|VM_Periodic)"),
    ("Kafka producer", r"^kafka-producer"),
    ("Kafka heartbeats", r"^kafka-coordinat"),  # the classic consumer's heartbeat thread, one per consumer
    ("native heap trim", r"^Native_Heap_Tri"),
    ("HTTP", r"^http-nio"),
    ("import", r"^backlog-import"),
    ("scheduling pass", r"^scheduling-pass"),
    ("e-mail and SMS sender", r"^notification-de"),
    ("monitors", r"^(skipped-event|projection-moni|dead-letter-mon|integrity-check|personal-data-s|prometheus-metr"
     r"|operations-gaug|deadline-gauges|backlog-counts|micrometer-kafk)"),
    # the local stack's JVM: the Kafka broker (request handlers, network, log, KRaft) and the token issuer
    ("broker request handlers", r"^data-plane-kafk"),
    ("broker other", r"^(kafka-|executor-|ExpirationReap|group-coordi|share-coordi|quorum-contr|metrics-meter"
     r"|raft-|LogDirFailure|broker-)"),
]


def snapshot(process, pid):
    for tid in sorted(os.listdir(f"/proc/{pid}/task"), key=int):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as f:
                name = f.read().strip().replace(" ", "_") or "-"
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the thread ended while being read
        print(process, tid, name, int(fields[11]) + int(fields[12]))


def group(name):
    return next((g for g, pattern in GROUPS if re.search(pattern, name)), "other")


def groups(start, end, totals):
    hz = os.sysconf("SC_CLK_TCK")
    before = {}
    for line in open(start):
        process, tid, name, ticks = line.split()
        before[(process, tid)] = int(ticks)
    seconds = {}
    for line in open(end):
        process, tid, name, ticks = line.split()
        key = (process, group(name))
        seconds[key] = seconds.get(key, 0.0) + (int(ticks) - before.get((process, tid), 0)) / hz
    for process, total in totals.items():
        live = sum(s for (p, _), s in seconds.items() if p == process)
        if total - live > 0.05:
            seconds[(process, "ended")] = total - live
    for (process, name), s in sorted(seconds.items()):
        if process in totals and s >= 0.05:
            print("threads", process, name.replace(" ", "_"), f"{s:.1f}")


if __name__ == "__main__":
    if sys.argv[1] == "snapshot":
        for process, pid in (a.split("=") for a in sys.argv[2:]):
            snapshot(process, pid)
    else:
        groups(sys.argv[2], sys.argv[3], {p: float(s) for p, s in (a.split("=") for a in sys.argv[4:])})

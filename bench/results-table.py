"""The backlog benchmark's figures as one table, and as JSON beside the log so two runs can be compared.

    python3 bench/results-table.py results.txt curve.tsv results.json

results.txt holds the figures the script measured, one per line ("cpu <process> <seconds>", "events <service> <n>",
"commits <service> <n>", "stage <name> <seconds>", "threads <process> <group> <seconds>", ...); curve.tsv the
cumulative counts sampled during the run.
"""
import csv
import json
import sys

figures, stages, events, cpu, memory, baseline, commits, threads = {}, {}, {}, {}, {}, {}, {}, {}
postgres, caches, profile = {}, {}, {}
for line in open(sys.argv[1]):
    kind, *rest = line.split()
    if kind == "stage":
        stages[rest[0]] = float(rest[1])
    elif kind == "events":
        events[rest[0]] = int(rest[1])
    elif kind == "cpu":
        cpu[rest[0]] = float(rest[1])
    elif kind == "memory":
        memory[rest[0]] = int(rest[1])
    elif kind == "commits":
        commits[rest[0]] = int(rest[1])
    elif kind == "threads":
        threads.setdefault(rest[0], {})[rest[1].replace("_", " ")] = float(rest[2])
    elif kind == "baseline":
        baseline[rest[0]] = float(rest[1])
    elif kind == "cache":
        # a service's aggregate cache over the whole run: loads that found their aggregate, found none, found it behind
        # the store, and entries dropped for the size or time bound
        caches[rest[0]] = dict(zip(("hits", "misses", "stale", "evictions"), map(int, rest[1:5])))
    elif kind == "profile":
        # PROFILE=<seconds>: the share of a JVM's JFR samples by library (bench/jfr-libraries.py), in per cent
        profile.setdefault(rest[0], {})[rest[1]] = float(rest[2])
    elif kind == "postgres":
        # PostgreSQL's durability settings during the run: "fsync=off full_page_writes=on synchronous_commit=off"
        postgres = dict(setting.split("=", 1) for setting in rest)
    else:
        figures[kind] = float(rest[0])
cases = int(figures["registered"])
wall = figures["wall"]
curve = [{k: float(v) for k, v in row.items()} for row in csv.DictReader(open(sys.argv[2]), delimiter="\t")]

# the rate of registration in each quarter of the import (the time each quarter's last case was reached, interpolated
# between samples): equal rates mean the system does not slow down as its stores grow
def reached(count):
    previous = (0.0, 0.0)
    for point in curve:
        t, n = point["seconds"], point["registered"]
        if n >= count:
            (t0, n0) = previous
            return t0 + (t - t0) * ((count - n0) / (n - n0) if n > n0 else 1)
        previous = (t, n)
    return None


marks = [reached(cases * q / 4) if q else 0.0 for q in range(5)]
quarters = [
    round(cases / 4 / (marks[q + 1] - marks[q]), 1)
    for q in range(4)
    if marks[q] is not None and marks[q + 1] is not None and marks[q + 1] > marks[q]
]

result = {
    "cases": cases,
    "wallSeconds": wall,
    "casesPerSecond": round(cases / wall, 1),
    "loadAverage": figures.get("loadavg"),
    "postgresSettings": postgres,
    "stages": {name: {"finishedAfterSeconds": t, "casesPerSecond": round(cases / t, 1)} for name, t in stages.items()},
    "cpuMsPerCase": {p: round(s * 1000 / cases, 2) for p, s in cpu.items()},
    "cpuMsPerCaseTotal": round(sum(cpu.values()) * 1000 / cases, 1),
    "eventsPerCase": {s: round(n / cases, 2) for s, n in events.items()},
    "cpuMsPerCaseByThread": {
        p: {g: round(s * 1000 / cases, 2) for g, s in groups.items()} for p, groups in threads.items()
    },
    "commitsPerCase": {s: round(n / cases, 2) for s, n in commits.items()},
    "peakMemoryMiB": memory,
    "aggregateCache": {
        s: {**c, "hitRate": round(c["hits"] / max(1, c["hits"] + c["misses"] + c["stale"]), 3)} for s, c in caches.items()
    },
    "profileSharePercentByLibrary": profile,
    "rawBaselineSeconds": baseline,
    "ratioToRawJdbc": round(wall / baseline["jdbc"], 1) if baseline.get("jdbc") else None,
    "ratioToRawKafkaProducer": round(wall / baseline["kafka"], 1) if baseline.get("kafka") else None,
    "registrationRateByQuarter": quarters,
    "curve": curve,
}
json.dump(result, open(sys.argv[3], "w"), indent=2)

print(f"{'stage':<22}{'finished after':>16}{'cases/s':>10}")
print(f"{'import (registered)':<22}{figures['import']:>14.1f} s{cases / figures['import']:>10.1f}")
for name, t in stages.items():
    print(f"{name:<22}{t:>14.1f} s{cases / t:>10.1f}")
print(f"{'whole run':<22}{wall:>14.1f} s{cases / wall:>10.1f}")
if postgres:
    durable = postgres.get("fsync") == "on" and postgres.get("synchronous_commit") != "off"
    print(f"PostgreSQL {'durable' if durable else 'not durable'}: " + ", ".join(f"{k} {v}" for k, v in postgres.items()))
print()
print(f"{'process':<24}{'CPU ms/case':>12}{'events/case':>13}{'commits/case':>14}{'peak MiB':>10}")
for p in cpu:
    ev = f"{events[p] / cases:.2f}" if p in events else ""
    tx = f"{commits[p] / cases:.2f}" if p in commits else ""
    mem = str(memory.get(p, "")) if p in memory else ""
    print(f"{p:<24}{cpu[p] * 1000 / cases:>12.1f}{ev:>13}{tx:>14}{mem:>10}")
print(f"{'all processes':<24}{result['cpuMsPerCaseTotal']:>12.1f}")
if caches:
    print()
    print(f"{'aggregate cache':<24}{'loads/case':>12}{'hit rate':>10}{'misses':>10}{'stale':>8}{'evictions':>11}")
    for s, c in result["aggregateCache"].items():
        loads = c["hits"] + c["misses"] + c["stale"]
        print(f"{s:<24}{loads / cases:>12.2f}{c['hitRate']:>10.1%}{c['misses']:>10}{c['stale']:>8}{c['evictions']:>11}")
print()
print(f"registration rate by quarter of the import (cases/s): {quarters}")
if result["ratioToRawJdbc"]:
    print(f"system / raw JDBC: {result['ratioToRawJdbc']}x   system / raw Kafka producer: {result['ratioToRawKafkaProducer']}x")

def by_process(title, rows, processes, value, digits):
    """A table of each process's figure per row name (rows: process -> name -> figure), the largest rows first."""
    names = sorted({name for figures in rows.values() for name in figures},
                   key=lambda name: -sum(figures.get(name, 0) for figures in rows.values()))
    print()
    print(f"{title:<24}" + "".join(f"{p.replace('-service', ''):>14}" for p in processes))
    for name in names:
        print(f"{name:<24}" + "".join(
            f"{value(rows[p][name]):>14.{digits}f}" if name in rows[p] else f"{'':>14}" for p in processes))


if threads:
    # each JVM's CPU per case by what its threads do (bench/thread-cpu.py names the groups)
    by_process("CPU ms/case by thread", threads, [p for p in cpu if p in threads] + [p for p in threads if p not in cpu],
               lambda seconds: seconds * 1000 / cases, 2)
if profile:
    # where each JVM's CPU went while it was recorded, by library (bench/jfr-libraries.py)
    by_process("% of JFR samples", profile, list(profile), lambda percent: percent, 1)

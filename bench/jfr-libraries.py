"""Where each JVM's CPU went, by library: the share of a JFR recording's execution samples, each sample counted to the
innermost frame that belongs to a known library (JDK frames count for the library that called them, so a HashMap
lookup inside Axon is Axon's).

    python3 bench/jfr-libraries.py <path of the JDK's jfr tool> <process>=<recording.jfr> ...

Prints one line per process and library, "profile <process> <library> <percent of samples> <samples>", for the
benchmark's results.txt (bench/results-table.py turns them into a table and into results.json). When no library
stands out, the cost is spread over every layer rather than in one place to fix.
"""
import re
import subprocess
import sys
from collections import Counter

# First match wins: tracing's Kafka observation before Spring Kafka, Spring Kafka before the rest of Spring.
LIBRARIES = [
    ("tracing", ("brave.", "io.micrometer.tracing.", "io.micrometer.observation.",
                 "org.springframework.kafka.support.micrometer.")),
    ("metrics", ("io.micrometer.", "io.prometheus.")),
    ("axon", ("org.axonframework.",)),
    ("project", ("pt.aima.",)),
    ("postgresql-jdbc", ("org.postgresql.",)),
    ("hikari", ("com.zaxxer.",)),
    ("jackson", ("com.fasterxml.", "tools.jackson.")),
    ("kafka", ("org.apache.kafka.", "org.springframework.kafka.")),
    ("web-server", ("org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.")),
    ("spring", ("org.springframework.",)),
    ("crypto", ("javax.crypto.", "com.sun.crypto.", "sun.security.", "java.security.")),
    ("caffeine", ("com.github.benmanes.",)),
]
FRAME = re.compile(r"^\s+([\w$.<>/]+)\(", re.M)


def library(frames):
    for frame in frames:
        for name, prefixes in LIBRARIES:
            if frame.startswith(prefixes):
                return name
    return "jdk-other"


def shares(jfr_tool, recording):
    printed = subprocess.run(
        [jfr_tool, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", recording],
        capture_output=True, text=True, check=True).stdout
    counted = Counter(library(FRAME.findall(sample)) for sample in printed.split("jdk.ExecutionSample")[1:])
    return counted, sum(counted.values())


def main():
    jfr_tool, recordings = sys.argv[1], sys.argv[2:]
    for argument in recordings:
        process, recording = argument.split("=", 1)
        try:
            counted, total = shares(jfr_tool, recording)
        except (OSError, subprocess.CalledProcessError) as e:
            print(f"# {process}: {recording} could not be read ({e})", file=sys.stderr)
            continue
        for name, samples in counted.most_common():
            print(f"profile {process} {name} {samples * 100 / total:.1f} {samples}")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# What finding a command's target aggregate costs a command, Axon's AnnotationCommandTargetResolver against the
# platform's CommandTargets (issue 14): bench/CommandTargetBenchmark.java on service-platform's test classpath.
#
#   bench/command-target-benchmark.sh [commands per round] [rounds]      # defaults 1000000 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source bench/lib.sh
platform_test_classpath
# shellcheck disable=SC2086
exec "$JAVA" ${BENCH_OPTS:-} -Xmx256m -cp "$CP" bench/CommandTargetBenchmark.java "$@"

#!/usr/bin/env bash
# What the event hash chain costs an append (issue 13), chained vs unchained in the same run on the same PostgreSQL:
# bench/ChainAppendBenchmark.java on service-platform's test classpath. PostgreSQL is the one local-infrastructure
# picks (AIMA_POSTGRES_URL, else Docker, else embedded PostgreSQL 17); nothing else is needed.
#
#   bench/chain-benchmark.sh [transactions per batch] [rounds] [threads]      # defaults 300 30 4
#   BENCH_OPTS='-Dbench.storedColumn=true' bench/chain-benchmark.sh 1500 30 4  # the baseline stores 32 bytes too
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source bench/lib.sh
platform_test_classpath
mkdir -p service-platform/target/bench-tmp
# shellcheck disable=SC2086
exec "$JAVA" ${BENCH_OPTS:-} -Xmx1g -Djava.io.tmpdir=service-platform/target/bench-tmp -cp "$CP" \
  bench/ChainAppendBenchmark.java "$@"

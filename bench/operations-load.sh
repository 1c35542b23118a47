#!/usr/bin/env bash
# A bounded read load on operations-service (issue 12): against a running stack after an import (the local stack, or
# bench/backlog-benchmark.sh, which runs this at its end), every endpoint is first warmed up (--warmup requests each,
# not counted), then 20 concurrent clients send requests for 5 s to each endpoint in turn (the backlog,
# every work queue, the queue lengths, case searches with several filter combinations) and it prints count, errors,
# p50, p99 and max latency, requests/s and mean body length per endpoint, with PASS when p99 <= 50 ms and no request
# failed, MISS otherwise (bench/OperationsLoad.java, JDK only: plain keep-alive sockets by default, the JDK's HttpClient
# with --client jdk). The token is the development issuer's (OPERATIONS). Exit status 1 when a request failed (a MISS
# alone exits 0).
#
#   bench/operations-load.sh [--seconds 5] [--requests N] [--clients 20] [--warmup-seconds 2] [--warmup N] [--target-ms 50] [--client plain|jdk]
#                            [--gzip true|false]
#                            [--base http://127.0.0.1:8085] [--issuer http://127.0.0.1:8090]
#                            [--legacy-number SEF-RF-2021-0000042] [--applicant-id legacy-0000042]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=../.ci/find-jdk.sh
source .ci/find-jdk.sh
exec "$JAVA_HOME/bin/java" bench/OperationsLoad.java --seconds "${LOAD_SECONDS:-5}" "$@"

#!/usr/bin/env bash
# Runs the whole system on this machine: builds the service jars, then starts PostgreSQL, Kafka, the token issuer
# and the four services (java -jar local-stack/target/local-stack.jar). Ctrl-C stops everything.
# Arguments go to the launcher, e.g. --without=notification-service, --reset or --help.
# Everything it keeps is under .local-stack/: logs/, the embedded PostgreSQL's data (infra/) and, through java.io.tmpdir,
# the embedded Kafka broker's log directories (tmp/); each run starts with empty databases and topics.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=.ci/find-jdk.sh
source .ci/find-jdk.sh

./mvnw -q -DskipTests install
mkdir -p .local-stack/tmp
# The launcher's own heap (the embedded Kafka broker and the token issuer; each service gets -Xmx384m from the launcher)
# is bounded like the services', not left at the JVM's default of a quarter of the machine's memory.
exec "$JAVA_HOME/bin/java" -Xmx512m "-Djava.io.tmpdir=$PWD/.local-stack/tmp" -jar local-stack/target/local-stack.jar "$@"

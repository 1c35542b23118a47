#!/usr/bin/env bash
# Runs the whole system on this machine: builds the service jars, then starts PostgreSQL, Kafka, the token issuer
# and the four services (java -jar local-stack/target/local-stack.jar). Ctrl-C stops everything.
# Arguments go to the launcher, e.g. --issuer-port=9090 or --help.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# shellcheck source=.ci/find-jdk.sh
source .ci/find-jdk.sh

./mvnw -q -DskipTests install
exec "$JAVA_HOME/bin/java" -jar local-stack/target/local-stack.jar "$@"

#!/usr/bin/env bash
# Finds a JDK 21 or newer and exports JAVA_HOME (and puts its bin first on PATH). Source it:
#   source .ci/find-jdk.sh
# Order: $JAVA_HOME if it is a JDK >= 21; else the newest JDK >= 21 under /usr/lib/jvm; else a clear error.

__aima_java_major() {
    # Prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing.
    local home="$1" version
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 0
    if [ -f "$home/release" ]; then
        version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n1)
    fi
    if [ -z "${version:-}" ]; then
        version=$("$home/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)
    fi
    version="${version#1.}"
    printf '%s\n' "${version%%[.+-]*}"
}

__aima_find_jdk() {
    local major best="" best_major=0 candidate
    if [ -n "${JAVA_HOME:-}" ]; then
        major=$(__aima_java_major "$JAVA_HOME")
        if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
            best="$JAVA_HOME"
            best_major="$major"
        else
            echo "find-jdk: JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer; looking under /usr/lib/jvm" >&2
        fi
    fi
    if [ -z "$best" ]; then
        for candidate in /usr/lib/jvm/*; do
            [ -d "$candidate" ] && [ ! -L "$candidate" ] || continue
            major=$(__aima_java_major "$candidate")
            [ -n "$major" ] || continue
            if [ "$major" -ge 21 ] 2>/dev/null && [ "$major" -gt "$best_major" ]; then
                best="$candidate"
                best_major="$major"
            fi
        done
    fi
    if [ -z "$best" ]; then
        echo "find-jdk: no JDK 21 or newer found (JAVA_HOME unset or too old, nothing usable under /usr/lib/jvm)." >&2
        echo "find-jdk: install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME to it." >&2
        return 1
    fi
    export JAVA_HOME="$best"
    export PATH="$JAVA_HOME/bin:$PATH"
    echo "find-jdk: using JDK $best_major at $JAVA_HOME" >&2
}

if ! __aima_find_jdk; then
    unset -f __aima_java_major __aima_find_jdk
    # Sourced: stop the caller with an error; executed: exit.
    return 1 2>/dev/null || exit 1
fi
unset -f __aima_java_major __aima_find_jdk

# Finds a JDK 21 or newer and exports JAVA_HOME (and puts its bin first on PATH). ./mvnw sources it before
# anything else, so the build, every plugin and every JVM it forks run on that JDK; scripts source it too:
#   . .ci/find-jdk.sh
# Order: $JAVA_HOME if it is a JDK >= 21; else the `java` on PATH if it belongs to a JDK >= 21; else the newest
# JDK >= 21 in the usual install places (Linux packages, SDKMAN!, asdf, IntelliJ, macOS; or the folders listed in
# AIMA_JDK_ROOTS, separated by spaces, instead); else an error that says how to get one.
# Plain POSIX sh (the Maven wrapper is a /bin/sh script); it changes nothing but JAVA_HOME and PATH.

__aima_java_major() {
    # Prints the feature version of the JDK at $1 (e.g. 21, 25), or nothing when $1 is not a JDK.
    __aima_version=""
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
    if [ -f "$1/release" ]; then
        __aima_version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
    fi
    if [ -z "$__aima_version" ]; then
        __aima_version=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
    fi
    __aima_version="${__aima_version#1.}"
    printf '%s\n' "${__aima_version%%[.+-]*}"
}

__aima_consider() {
    # Keeps $1 as the best candidate when it is a JDK >= 21 newer than the best so far.
    __aima_major=$(__aima_java_major "$1")
    [ -n "$__aima_major" ] || return 0
    if [ "$__aima_major" -ge 21 ] 2>/dev/null && [ "$__aima_major" -gt "$__aima_best_major" ]; then
        __aima_best="$1"
        __aima_best_major="$__aima_major"
    fi
}

__aima_find_jdk() {
    __aima_best=""
    __aima_best_major=0
    if [ -n "${JAVA_HOME:-}" ]; then
        __aima_consider "$JAVA_HOME"
        if [ -n "$__aima_best" ]; then
            # Already fine: nothing to say, nothing to change but PATH.
            export JAVA_HOME
            PATH="$JAVA_HOME/bin:$PATH"
            export PATH
            return 0
        fi
        echo "find-jdk: JAVA_HOME=$JAVA_HOME is not a JDK 21 or newer; looking for one" >&2
    fi
    if command -v java >/dev/null 2>&1; then
        __aima_path_home=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -n 1)
        [ -z "$__aima_path_home" ] || __aima_consider "$__aima_path_home"
    fi
    if [ -z "$__aima_best" ]; then
        __aima_roots="${AIMA_JDK_ROOTS:-/usr/lib/jvm /usr/java /opt/java /opt ${HOME:-/nonexistent}/.sdkman/candidates/java ${HOME:-/nonexistent}/.asdf/installs/java ${HOME:-/nonexistent}/.jdks /Library/Java/JavaVirtualMachines ${HOME:-/nonexistent}/Library/Java/JavaVirtualMachines}"
        for __aima_root in $__aima_roots; do
            [ -d "$__aima_root" ] || continue
            for __aima_candidate in "$__aima_root"/*; do
                [ -d "$__aima_candidate" ] && [ ! -L "$__aima_candidate" ] || continue
                if [ -d "$__aima_candidate/Contents/Home" ]; then
                    __aima_candidate="$__aima_candidate/Contents/Home"
                fi
                __aima_consider "$__aima_candidate"
            done
        done
    fi
    if [ -z "$__aima_best" ]; then
        echo "find-jdk: this build needs a JDK 21 or newer and found none (JAVA_HOME unset or older, no java 21+ on PATH," >&2
        echo "find-jdk: none under ${__aima_roots})." >&2
        echo "find-jdk: install one, e.g. 'sudo apt-get install openjdk-21-jdk-headless' (Debian/Ubuntu)," >&2
        echo "find-jdk: 'brew install openjdk@21' (macOS), 'sdk install java 21-tem' (SDKMAN!) or https://adoptium.net," >&2
        echo "find-jdk: then run the command again (or set JAVA_HOME to the JDK if it is installed elsewhere)." >&2
        return 1
    fi
    JAVA_HOME="$__aima_best"
    export JAVA_HOME
    PATH="$JAVA_HOME/bin:$PATH"
    export PATH
    echo "find-jdk: using JDK $__aima_best_major at $JAVA_HOME" >&2
}

__aima_cleanup() {
    unset -f __aima_java_major __aima_consider __aima_find_jdk __aima_cleanup
    unset __aima_version __aima_major __aima_best __aima_best_major __aima_path_home __aima_roots __aima_root \
        __aima_candidate
}

if __aima_find_jdk; then
    __aima_cleanup
else
    __aima_cleanup
    # Sourced: stop the caller with an error; executed: exit.
    return 1 2>/dev/null || exit 1
fi

# shellcheck shell=bash
# What bench/run, bench/quit-time and bench/start-up share: loopback ports, the processes a script
# started (STARTED_PIDS, which each script's exit trap stops), and the numbers of their tables.
# Sourced, not run.

port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# a port below the ephemeral range that nothing listens on
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 10000))
        if ! port_open "$port"; then
            echo "$port"
            return 0
        fi
    done
    echo "bench/${0##*/}: no free loopback port found" >&2
    return 1
}

forget() { # pid: stopped and waited for, so that the exit trap never signals a recycled PID
    local started remaining=()
    for started in "${STARTED_PIDS[@]}"; do
        [ "$started" = "$1" ] || remaining+=("$started")
    done
    STARTED_PIDS=("${remaining[@]}")
}

running() { # pid: alive and not a zombie
    local state=""
    { read -r state <"/proc/$1/stat"; } 2>/dev/null || return 1
    state=${state##*) }
    [ "${state%% *}" != Z ]
}

stop() { # pid: TERM, then KILL after 10 s
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 100); do
        running "$1" || break
        sleep 0.1
    done
    kill -9 "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
    forget "$1"
}

group() { # 10000 -> 10 000
    LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%.0f", n); out = "";
        while (length(s) > 3) { out = " " substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
        print s out }'
}

median() { # numbers... -> median, rounded
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR % 2) print v[(NR + 1) / 2]; else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

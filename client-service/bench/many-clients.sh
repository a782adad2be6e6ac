#!/usr/bin/env bash
# Starts N clients (default 20) at once with default settings -- only --server given -- against
# one stand-in server, and checks that every one completes its conversation and exits 0, wherever
# its management and log-rotate listeners ended up.
#
#   client-service/bench/many-clients.sh [N] [SERVER_PORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=${1:-20}
PORT=${2:-3101}
JAR=client-service/target/client-service.jar
LOGS=$(mktemp -d)
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -q -pl client-service -am package -DskipTests" >&2; exit 1; }

java client-service/bench/ConversationServer.java "$PORT" "$N" 600 > "$LOGS/server.log" 2>&1 &
SERVER=$!
until grep -q listening "$LOGS/server.log"; do
    kill -0 $SERVER 2>/dev/null || { cat "$LOGS/server.log"; exit 1; }
    sleep 0.2
done

START=$(date +%s.%N)
PIDS=()
for i in $(seq 1 "$N"); do
    java -jar "$JAR" --server "127.0.0.1:$PORT" > "$LOGS/client-$i.log" 2>&1 &
    PIDS+=($!)
done
OK=0
for i in $(seq 1 "$N"); do
    if wait "${PIDS[$((i - 1))]}"; then OK=$((OK + 1)); else echo "client $i exited $?"; fi
done
END=$(date +%s.%N)
wait $SERVER || true

echo "$OK of $N clients exited 0 in $(echo "$END - $START" | bc) s; server: $(tail -1 "$LOGS/server.log")"
echo "management ports: $(grep -ho 'management (HTTP) listening on [0-9.:]*' "$LOGS"/client-*.log | sed 's/.* on //' | sort | uniq -c | sort -rn | awk '{printf "%s%s", sep, ($1 > 1 ? $1 "x " : "") $2; sep=", "}')"
LOGROTATE=$(grep -hoiE 'log.?rotat[^:]*listening on [^ ]+' "$LOGS"/client-*.log | sed 's/.* on //' | sort | uniq -c | sort -rn | awk '{printf "%s%s", sep, ($1 > 1 ? $1 "x " : "") $2; sep=", "}' || true)
echo "log-rotate ports: ${LOGROTATE:-(not logged)}"
echo "logs in $LOGS"
[ "$OK" -eq "$N" ]

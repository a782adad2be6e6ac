#!/bin/sh
# Start-up benchmark of signal-cli (results: BENCHMARKS-section.md).
#
# Times `java -version` (the JVM's own floor), plain `java -jar target/signal-cli.jar` and the
# launcher script, each sending QUIT to a stand-in daemon on 127.0.0.1 that greets with HI and
# closes when the peer does, as the daemons do. Needs a packaged jar (./mvnw -pl signal-cli -am
# package), hyperfine and python3.
#   usage: signal-cli/benchmark-startup.sh [runs]      (default 30 runs per command)

set -eu
here=$(dirname "$(readlink -f "$0")")
runs=${1:-30}
jar="$here/target/signal-cli.jar"
work=$(mktemp -d)
listener_pid=

cleanup() {
    if [ -n "$listener_pid" ]; then kill "$listener_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 1; }
[ -f "$jar" ] || { echo "$jar is missing: ./mvnw -pl signal-cli -am package" >&2; exit 1; }

# the stand-in daemon: port 0, writes the port it got; stops by itself after 120 s without a connection
python3 - "$work/port" <<'PY' &
import socket, sys, threading
server = socket.create_server(("127.0.0.1", 0), backlog=16)
server.settimeout(120)
open(sys.argv[1] + ".tmp", "w").write(str(server.getsockname()[1]))
import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
def converse(peer):
    with peer:
        peer.settimeout(10)
        peer.sendall(b"HI\n")
        try:
            while peer.recv(4096):
                pass
        except OSError:
            pass
try:
    while True:
        peer, _ = server.accept()
        threading.Thread(target=converse, args=(peer,), daemon=True).start()
except socket.timeout:
    pass
PY
listener_pid=$!
while [ ! -f "$work/port" ]; do sleep 0.1; done
address="127.0.0.1:$(cat "$work/port")"

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.runtime.version = //p') ($(readlink -f "$(command -v java)"))"
hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/results.json" \
    -n "java -version" "java -version" \
    -n "java -jar signal-cli.jar" "java -jar $jar --server $address --message QUIT" \
    -n "java -jar, launcher flags, no archive" \
        "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar $jar --server $address --message QUIT" \
    -n "signal-cli (launcher)" "$here/signal-cli --server $address --message QUIT" >/dev/null
python3 - "$work/results.json" <<'PY'
import json, sys
print("| command | median | mean ± σ | min | user | sys |")
print("|---|---:|---:|---:|---:|---:|")
for r in json.load(open(sys.argv[1]))["results"]:
    ms = lambda s: "%.0f ms" % (s * 1000)
    print("| `%s` | **%s** | %s ± %s | %s | %s | %s |" % (r["command"], ms(r["median"]), ms(r["mean"]),
          ms(r["stddev"]), ms(r["min"]), ms(r["user"]), ms(r["system"])))
PY

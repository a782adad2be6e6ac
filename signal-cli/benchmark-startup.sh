#!/bin/sh
# Start-up benchmark of signal-cli (results: BENCHMARKS.md at the repository root).
#
# Times `java -version` (the JVM's own floor), plain `java -jar target/signal-cli.jar` and the
# launcher script, each sending QUIT to a stand-in daemon on 127.0.0.1 that greets with HI and
# closes when the peer does, as the daemons do. The commands take turns, round after round in a
# shuffled order, so that a change in the machine's load during the run hits them all alike;
# the figures are medians of the wall time, with the CPU time the process used. With --encrypt
# too: a TLS stand-in (python3's ssl module, a throw-away EC certificate made with openssl).
# Needs a packaged jar (./mvnw -pl signal-cli -am package), python3 and openssl.
#   usage: signal-cli/benchmark-startup.sh [rounds]      (default 30)

set -eu
here=$(dirname "$(readlink -f "$0")")
jar="$here/target/signal-cli.jar"
[ -f "$jar" ] || { echo "$jar is missing: ./mvnw -pl signal-cli -am package" >&2; exit 1; }
java=$(readlink -f "$(command -v java)")

echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "machine: $(nproc) cores, $(uname -sr), load average before $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.runtime.version = //p') ($java)"

tls=$(mktemp -d)
trap 'rm -rf "$tls"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null

python3 - "${1:-30}" "$jar" "$here/signal-cli" "$tls" <<'PY'
import os, random, socket, ssl, statistics, subprocess, sys, threading, time

rounds, jar, launcher, tls = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

# the stand-in daemon; a daemon thread, gone with this process
server = socket.create_server(("127.0.0.1", 0), backlog=16)
def converse(peer):
    with peer:
        peer.settimeout(10)
        peer.sendall(b"HI\n")
        try:
            while peer.recv(4096):
                pass
        except OSError:
            pass
def serve(listener, wrap=None):
    while True:
        peer, _ = listener.accept()
        def run(peer=peer):
            try:
                converse(wrap(peer) if wrap else peer)
            except (OSError, ssl.SSLError):
                pass
        threading.Thread(target=run, daemon=True).start()
threading.Thread(target=serve, args=(server,), daemon=True).start()
address = "127.0.0.1:%d" % server.getsockname()[1]

# the same over TLS
tls_server = socket.create_server(("127.0.0.1", 0), backlog=16)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(os.path.join(tls, "cert.pem"), os.path.join(tls, "key.pem"))
threading.Thread(target=serve, args=(tls_server, lambda peer: context.wrap_socket(peer, server_side=True)),
                 daemon=True).start()
tls_address = "127.0.0.1:%d" % tls_server.getsockname()[1]

commands = {
    "java -version": ["java", "-version"],
    "java -jar signal-cli.jar --server … --message QUIT": ["java", "-jar", jar, "--server", address, "--message", "QUIT"],
    "java -XX:SharedArchiveFile=target/signal-cli.jsa -jar … (the archive without the script)":
        ["java", "-XX:SharedArchiveFile=" + jar[:-4] + ".jsa", "-jar", jar, "--server", address, "--message", "QUIT"],
    "signal-cli --server … --message QUIT (launcher, archive)": [launcher, "--server", address, "--message", "QUIT"],
    "signal-cli --server … --encrypt --ca … --message QUIT (launcher, archive, TLS)":
        [launcher, "--server", tls_address, "--encrypt", "--ca", os.path.join(tls, "cert.pem"), "--message", "QUIT"],
}
def once(argv):
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit("failed (status %d): %s" % (status, " ".join(argv)))
    return wall, usage.ru_utime + usage.ru_stime

for argv in commands.values():          # warm the file cache
    for _ in range(3):
        once(argv)
samples = {name: [] for name in commands}
for _ in range(rounds):
    names = list(commands)
    random.shuffle(names)
    for name in names:
        samples[name].append(once(commands[name]))

ms = lambda seconds: "%.0f ms" % (seconds * 1000)
print("load average after %s; %d rounds" % (" ".join(open("/proc/loadavg").read().split()[:3]), rounds))
print()
print("| command | median wall | min wall | max wall | median CPU (user+sys) |")
print("|---|---:|---:|---:|---:|")
for name, runs in samples.items():
    walls = [w for w, _ in runs]
    print("| `%s` | **%s** | %s | %s | %s |" % (name, ms(statistics.median(walls)), ms(min(walls)), ms(max(walls)),
          ms(statistics.median([c for _, c in runs]))))
PY

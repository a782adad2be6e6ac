package org.eventdispatcher.bench.load;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;

/** Command-line options of the load generator; every value has a default except nothing. */
record LoadOptions(
        Mode mode,
        SocketAddress target,
        int clients,
        int clientThreads,
        long conversations,
        int connections,
        int window,
        double seconds,
        double warmupSeconds,
        int timeoutMillis,
        long serverPid,
        int openers,
        int lineBytes,
        String request) {

    enum Mode {
        CONVERSATION,
        PIPELINED,
        IDLE
    }

    static final String USAGE = """
            usage: java -cp bench/target/bench.jar org.eventdispatcher.bench.load.LoadGenerator [options]
              --target HOST:PORT    server to load (default 127.0.0.1:3001); unix:/path for a Unix-domain
                                    socket (conversation mode)
              --mode MODE           conversation (default), pipelined or idle
              --clients N           conversation: concurrent clients (default 100)
              --client-threads N    conversation: selector threads playing them (default 1)
              --conversations N     conversation: end the measured time at the N-th conversation (default 0:
                                    at --seconds, which stays the bound)
              --connections N       pipelined: connections (default 1); idle: connections to hold (default 10000)
              --window W            pipelined: DAD lines in flight per connection (default 1000)
              --seconds T           measured time (default 10)
              --warmup S            unmeasured time before it (default 2; idle: none)
              --timeout-ms MS       connect and reply timeout (default 5000)
              --server-pid PID      idle: report the server's RSS and CPU time from /proc/PID
              --openers N           idle: threads that open the connections (default 8)
              --line-bytes N        idle: each connection first sends one line this long (DAD padding=...)
              --request LINE        pipelined: the line sent (default DAD), a DAD with parameters, answered CLIMB
                                    and reads its CLIMB, then goes quiet (default 0: none)
            """;

    static LoadOptions parse(String... args) {
        Mode mode = Mode.CONVERSATION;
        String target = "127.0.0.1:3001";
        int clients = 100;
        int clientThreads = 1;
        long conversations = MeasurementWindow.NO_QUOTA;
        Integer connections = null;
        int window = 1000;
        double seconds = 10;
        Double warmup = null;
        int timeoutMillis = 5000;
        long serverPid = 0;
        int openers = 8;
        int lineBytes = 0;
        String request = "DAD";
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                throw new UsageException(null);
            }
            if (i + 1 >= args.length) {
                throw new UsageException(option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--target" -> target = value;
                    case "--mode" -> mode = Mode.valueOf(value.toUpperCase(Locale.ROOT));
                    case "--clients" -> clients = Integer.parseInt(value);
                    case "--client-threads" -> clientThreads = Integer.parseInt(value);
                    case "--conversations" -> conversations = Long.parseLong(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--window" -> window = Integer.parseInt(value);
                    case "--seconds" -> seconds = Double.parseDouble(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    case "--timeout-ms" -> timeoutMillis = Integer.parseInt(value);
                    case "--server-pid" -> serverPid = Long.parseLong(value);
                    case "--openers" -> openers = Integer.parseInt(value);
                    case "--line-bytes" -> lineBytes = Integer.parseInt(value);
                    case "--request" -> request = value;
                    default -> throw new UsageException("unknown option " + option);
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException("bad value for " + option + ": " + value);
            }
        }
        LoadOptions options = new LoadOptions(
                mode,
                address(target),
                clients,
                clientThreads,
                conversations,
                connections != null ? connections : mode == Mode.IDLE ? 10_000 : 1,
                window,
                seconds,
                warmup != null ? warmup : mode == Mode.IDLE ? 0 : 2,
                timeoutMillis,
                serverPid,
                openers,
                lineBytes,
                request);
        options.validate();
        return options;
    }

    private void validate() {
        if (clients < 1 || clientThreads < 1 || connections < 1 || window < 1 || openers < 1) {
            throw new UsageException(
                    "--clients, --client-threads, --connections, --window and --openers must be at least 1");
        }
        if (conversations < 0) {
            throw new UsageException("--conversations must be 0 (run --seconds) or more");
        }
        if (conversations != MeasurementWindow.NO_QUOTA && mode != Mode.CONVERSATION) {
            throw new UsageException("--conversations is for --mode conversation");
        }
        if (!request.equals("DAD") && !request.startsWith("DAD ")) {
            throw new UsageException("--request must be a DAD line (the server answers it CLIMB), got " + request);
        }
        if (lineBytes != 0 && lineBytes < "DAD padding=x".length()) {
            throw new UsageException("--line-bytes must be 0 (none) or at least " + "DAD padding=x".length());
        }
        if (target instanceof UnixDomainSocketAddress && mode != Mode.CONVERSATION) {
            throw new UsageException("--target unix:/path is for --mode conversation");
        }
        if (seconds <= 0 || warmupSeconds < 0 || timeoutMillis < 1) {
            throw new UsageException("--seconds and --timeout-ms must be positive, --warmup not negative");
        }
    }

    /** The TCP target of the modes that load over {@link java.net.Socket}. */
    InetSocketAddress tcpTarget() {
        return (InetSocketAddress) target;
    }

    private static SocketAddress address(String hostPort) {
        if (hostPort.startsWith("unix:/")) {
            return UnixDomainSocketAddress.of(hostPort.substring("unix:".length()));
        }
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new UsageException("--target must be HOST:PORT, got " + hostPort);
        }
        try {
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target must be HOST:PORT, got " + hostPort);
        }
    }

    /** A bad command line; a null message asks for the usage text only. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

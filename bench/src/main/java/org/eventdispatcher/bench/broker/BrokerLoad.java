package org.eventdispatcher.bench.broker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Load on a server daemon through RabbitMQ (PROTOCOL.md h), with the plain RabbitMQ Java client.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.broker.BrokerLoad conv --clients 100 --seconds 10 --amqp-port 5672
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.broker.BrokerLoad oneway --seconds 10 --amqp-port 5672 --management-port 8081
 * </pre>
 *
 * <ul>
 * <li>{@code conv}: N virtual clients ({@code bench0:client} …) on one AMQP connection, a channel and an
 * exclusive queue each, play the conversation of h.5 again and again: {@code DISCONNECTING},
 * {@code ALIVE} → {@code HI} (and {@code ABSOLUTELY}, ignored), {@code DAD} → {@code CLIMB},
 * {@code TOP} → {@code WHO}, {@code MOM} → {@code BYE}. Driven by deliveries, no thread per client.
 * Conversations/s, and the latency from the first {@code DISCONNECTING} to {@code BYE}.</li>
 * <li>{@code oneway}: one publisher sends sender-less {@code beta:server_service/DAD} (handled, never
 * answered) as fast as publisher confirms allow, in batches, keeping the server's queue below
 * {@code --max-backlog} (the queue drops its oldest past 10 000). The rate is the server's own count
 * ({@code eventdispatcher_messages_received_total{command="DAD",transport="amqp"}} from its Prometheus
 * endpoint) over the window.</li>
 * </ul>
 *
 * With {@code --broker-pid} and {@code --server-pid} it also reports the CPU time of those processes (and
 * its own) over the measured window, from {@code /proc/PID/stat}. Prints one sentence and one
 * {@code RESULT key=value ...} line; exits 0 when anything was measured, 1 when nothing was, 2 on a bad
 * command line.
 */
public final class BrokerLoad {

    static final String USAGE = """
            usage: BrokerLoad conv|oneway [options]
              --amqp-host H          broker host (default 127.0.0.1)
              --amqp-port P          broker AMQP port (default 5672)
              --user U, --password W broker user (default guest/guest)
              --exchange X           the daemons' exchange (default eventdispatcher)
              --target S:V           the server daemon's address (default beta:server_service)
              --seconds T            measured seconds (default 10)
              --warmup W             unmeasured seconds first (default 2)
              --clients N            conv: virtual clients (default 10)
              --timeout-ms MS        conv: longest wait for one reply (default 5000)
              --management-port M    oneway: the server's management port (its /actuator/prometheus)
              --batch B              oneway: messages per publisher-confirm batch (default 1000)
              --max-backlog Q        oneway: pause while the server's queue holds more (default 5000)
              --broker-pid PID       report this process's CPU time over the window (beam.smp)
              --server-pid PID       report this process's CPU time over the window (server-service)
            """;

    private BrokerLoad() {}

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("BrokerLoad: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        Result result =
                switch (options.mode) {
                    case "conv" -> BrokerConversations.run(options);
                    case "oneway" -> OneWayLoad.run(options);
                    default -> throw new IllegalStateException(options.mode);
                };
        System.out.println(result.summary);
        System.out.println(result.line());
        System.exit(result.measured ? 0 : 1);
    }

    /** The command line. */
    static final class Options {
        String mode;
        String host = "127.0.0.1";
        int port = 5672;
        String user = "guest";
        String password = "guest";
        String exchange = "eventdispatcher";
        String target = "beta:server_service";
        double seconds = 10;
        double warmup = 2;
        int clients = 10;
        long timeoutMillis = 5000;
        int managementPort = -1;
        int batch = 1000;
        int maxBacklog = 5000;
        long brokerPid = -1;
        long serverPid = -1;

        static Options parse(String[] args) {
            Options o = new Options();
            if (args.length == 0 || !(args[0].equals("conv") || args[0].equals("oneway"))) {
                throw new IllegalArgumentException("first argument: conv or oneway");
            }
            o.mode = args[0];
            for (int i = 1; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                try {
                    switch (name) {
                        case "--amqp-host" -> o.host = value;
                        case "--amqp-port" -> o.port = Integer.parseInt(value);
                        case "--user" -> o.user = value;
                        case "--password" -> o.password = value;
                        case "--exchange" -> o.exchange = value;
                        case "--target" -> o.target = value;
                        case "--seconds" -> o.seconds = Double.parseDouble(value);
                        case "--warmup" -> o.warmup = Double.parseDouble(value);
                        case "--clients" -> o.clients = Integer.parseInt(value);
                        case "--timeout-ms" -> o.timeoutMillis = Long.parseLong(value);
                        case "--management-port" -> o.managementPort = Integer.parseInt(value);
                        case "--batch" -> o.batch = Integer.parseInt(value);
                        case "--max-backlog" -> o.maxBacklog = Integer.parseInt(value);
                        case "--broker-pid" -> o.brokerPid = Long.parseLong(value);
                        case "--server-pid" -> o.serverPid = Long.parseLong(value);
                        default -> throw new IllegalArgumentException("unknown option " + name);
                    }
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": not a number: " + value);
                }
            }
            if (!o.target.matches("[^:.]+:[^:.]+")) {
                throw new IllegalArgumentException("--target must be server:service");
            }
            if (o.mode.equals("oneway") && o.managementPort <= 0) {
                throw new IllegalArgumentException("oneway needs --management-port");
            }
            if (o.clients < 1 || o.seconds <= 0 || o.warmup < 0 || o.batch < 1 || o.maxBacklog < o.batch) {
                throw new IllegalArgumentException(
                        "clients ≥ 1, seconds > 0, warmup ≥ 0, batch ≥ 1, max-backlog ≥ batch");
            }
            return o;
        }

        /** {@code beta:server_service} → {@code beta.server_service}. */
        String targetKey() {
            return target.replace(':', '.');
        }

        /** The queue the server daemon consumes (h.2). */
        String targetQueue() {
            return "ed." + targetKey();
        }
    }

    /** A sentence and the key=value pairs of the RESULT line. */
    static final class Result {
        final String summary;
        final boolean measured;
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Result(String summary, boolean measured) {
            this.summary = summary;
            this.measured = measured;
        }

        Result with(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        Result with(CpuTimes.Window cpu) {
            fields.put("broker_cpu_s", cpu.broker());
            fields.put("server_cpu_s", cpu.server());
            fields.put("self_cpu_s", cpu.self());
            fields.put("cpus", Runtime.getRuntime().availableProcessors());
            return this;
        }

        String line() {
            return "RESULT "
                    + fields.entrySet().stream()
                            .map(e -> e.getKey() + "=" + format(e.getValue()))
                            .collect(Collectors.joining(" "));
        }

        private static String format(Object value) {
            if (value instanceof Double d) {
                return d.isNaN() ? "" : String.format(Locale.ROOT, "%.3f", d);
            }
            return String.valueOf(value).replace(' ', '_');
        }
    }
}

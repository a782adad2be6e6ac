package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eventdispatcher.protocol.transport.ServerNames;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example pair across hosts, through a real RabbitMQ node (PROTOCOL.md h): the daemons know
 * each other only by name. Every test names its daemons afresh: the node's queues are durable
 * and outlive a test.
 */
class BrokerIT {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    final Processes processes = new Processes();

    private final RabbitNode broker = RabbitNode.shared();
    private final int n = NAMES.incrementAndGet();
    private final String service = "server_service";

    @Test
    void aClientStartedBeforeItsServerWaitsThenHoldsTheConversationThroughTheBroker() {
        int clientManagement = LoopbackPorts.free();
        DaemonProcess client =
                client(broker, "alpha" + n, "beta" + n + ":" + service, "--management.server.port=" + clientManagement);
        // nobody takes its ALIVEs yet: each comes back and is counted
        await("the client's joins counted unroutable")
                .atMost(Daemons.START)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> unroutable(clientManagement) >= 3);

        DaemonProcess server = server(broker, "beta" + n, "--trace");
        assertThat(client.awaitExit(Daemons.START)).as("client exit status").isZero();
        assertThat(server.output()).anyMatch(line -> line.contains("alpha" + n + ":client_service connected (broker)"));
        for (String command : List.of("DAD", "TOP", "MOM")) {
            assertThat(server.output())
                    .as("server traced " + command)
                    .anyMatch(line -> line.contains(
                            "-> <alpha" + n + ":client_service beta" + n + ":" + service + "/" + command));
        }
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void oneQuitToEveryServerOfTheServiceStopsBothFromAnAllowedSenderAndNeitherFromAnother() {
        String svc = "svc" + n;
        String signalCli = ServerNames.local() + ":signal_cli";
        List<DaemonProcess> servers = new ArrayList<>();
        for (String name : List.of("beta" + n, "gamma" + n)) {
            servers.add(server(
                    broker,
                    name,
                    "--node-service=" + svc,
                    "--trace",
                    "--eventdispatcher.daemon.stop.allowed-from=127.0.0.0/8," + signalCli));
        }

        assertThat(signal("<intruder:signal_cli *:" + svc + "/QUIT"))
                .as("signal-cli exit status")
                .isZero();
        for (DaemonProcess server : servers) {
            server.awaitLine("QUIT from intruder:signal_cli refused", Daemons.START);
        }
        assertThat(servers).allMatch(DaemonProcess::isAlive);

        assertThat(signal("*:" + svc + "/QUIT")).as("signal-cli exit status").isZero();
        for (DaemonProcess server : servers) {
            assertThat(server.awaitExit(Duration.ofSeconds(60)))
                    .as(server + " exit status")
                    .isZero();
        }
    }

    @Test
    void aServerRestartedWhileAMessageToItWaitsInItsQueueReceivesIt() {
        String name = "beta" + n;
        DaemonProcess first = server(broker, name);
        first.terminate();
        assertThat(first.awaitExit(Duration.ofSeconds(60)))
                .as("server exit status on SIGTERM")
                .isEqualTo(143);

        assertThat(signal("<queued:tester " + name + ":" + service + "/ALIVE serial=" + n))
                .isZero();
        DaemonProcess second = server(broker, name, "--trace");
        second.awaitLine("-> <queued:tester " + name + ":" + service + "/ALIVE serial=" + n, Daemons.START);
    }

    @Test
    void bothDaemonsComeBackAfterTheBrokerRestartsAndTheNextConversationCompletes() {
        try (RabbitNode own = RabbitNode.start()) {
            DaemonProcess beta = server(own, "beta" + n);
            assertThat(client(own, "alpha" + n, "beta" + n + ":" + service).awaitExit(Daemons.START))
                    .isZero();
            // a client whose server is not there yet, running across the restart
            DaemonProcess waiting = client(own, "omega" + n, "delta" + n + ":" + service);
            waiting.awaitLine("joining delta" + n, Daemons.START);

            own.restart();

            server(own, "delta" + n);
            assertThat(waiting.awaitExit(Daemons.START))
                    .as("the client waiting across the restart")
                    .isZero();
            assertThat(client(own, "alpha" + n, "beta" + n + ":" + service).awaitExit(Daemons.START))
                    .as("a conversation with the server running across the restart")
                    .isZero();
            assertThat(beta.isAlive()).isTrue();
        }
    }

    /**
     * The 27 bytes that ended a broker-enabled daemon (exit 99), as any publisher may send them: a
     * serialized {@code long[]} declaring 2^31-1 elements, said to be a Java object.
     */
    @Test
    void aSerializedJavaObjectPublishedToTheServerIsDroppedUnreadAndTheServerGoesOn() throws Exception {
        String name = "beta" + n;
        int management = LoopbackPorts.free();
        DaemonProcess server = server(broker, name, "--trace", "--management.server.port=" + management);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new long[0]);
        }
        byte[] hostile = bytes.toByteArray();
        ByteBuffer.wrap(hostile).putInt(hostile.length - 4, Integer.MAX_VALUE);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.amqpPort());
        try (Connection connection = factory.newConnection("e2e hostile publisher");
                Channel channel = connection.createChannel()) {
            channel.basicPublish(
                    "eventdispatcher",
                    name + "." + service,
                    new AMQP.BasicProperties.Builder()
                            .contentType("application/x-java-serialized-object")
                            .build(),
                    hostile);
        }

        assertThat(signal("<after:tester " + name + ":" + service + "/ALIVE serial=" + n))
                .isZero();
        server.awaitLine("-> <after:tester " + name + ":" + service + "/ALIVE serial=" + n, Daemons.START);
        assertThat(server.isAlive()).isTrue();
        assertThat(Management.get(management, "/actuator/prometheus"))
                .contains("eventdispatcher_broker_rejected_total{reason=\"content-type\"} 1.0");
    }

    private DaemonProcess server(RabbitNode node, String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("--broker", "--node-server=" + name));
        args.addAll(node.springArguments());
        args.addAll(List.of(extra));
        DaemonProcess server =
                Daemons.server(processes, LoopbackPorts.free(), LoopbackPorts.free(), args.toArray(String[]::new));
        server.awaitLine("on the broker as " + name + ":", Daemons.START);
        return server;
    }

    /** A client that knows its server only by name; returns at once. */
    private DaemonProcess client(RabbitNode node, String name, String peer, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--broker-peer",
                peer,
                "--node-server=" + name,
                "--log-rotate-listen",
                LoopbackPorts.HOST + ":0",
                "--eventdispatcher.config-dir=/dev/null"));
        args.addAll(node.springArguments());
        args.addAll(List.of(extra));
        if (args.stream().noneMatch(arg -> arg.startsWith("--management.server.port="))) {
            args.add("--management.server.port=0");
        }
        return processes.start("client-" + name, Processes.CLIENT, args);
    }

    private int signal(String message) {
        return Daemons.signal(processes, "--type", "amqp", "--broker", broker.uri(), message);
    }

    private static double unroutable(int managementPort) {
        Matcher count = Pattern.compile("(?m)^eventdispatcher_broker_unroutable_total (\\S+)")
                .matcher(Management.get(managementPort, "/actuator/prometheus"));
        return count.find() ? Double.parseDouble(count.group(1)) : 0;
    }
}

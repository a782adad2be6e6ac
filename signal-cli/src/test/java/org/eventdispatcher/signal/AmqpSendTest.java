package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.eventdispatcher.testing.ports.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --type amqp} against a real RabbitMQ node, the daemon played with the plain client: its
 * queue bound as a daemon's is (PROTOCOL.md h.2), on an exchange of each test's own.
 */
class AmqpSendTest {

    private static final AtomicInteger EXCHANGES = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    private final String exchange = "signal_test_" + EXCHANGES.incrementAndGet();
    private final BlockingQueue<Received> daemon = new LinkedBlockingQueue<>();
    private Connection connection;
    private Channel channel;

    record Received(String body, AMQP.BasicProperties properties, String routingKey) {}

    @BeforeEach
    void playTheDaemon() throws IOException, TimeoutException {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.amqpPort());
        connection = factory.newConnection();
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, "beta.server_service");
        channel.queueBind(queue, exchange, "all.server_service");
        channel.basicConsume(
                queue,
                true,
                (tag, delivery) -> daemon.add(new Received(
                        new String(delivery.getBody(), StandardCharsets.UTF_8),
                        delivery.getProperties(),
                        delivery.getEnvelope().getRoutingKey())),
                tag -> {});
    }

    @AfterEach
    void close() throws IOException {
        connection.close();
    }

    private SignalCliRunner.Result signal(String... args) {
        String[] all = new String[args.length + 6];
        all[0] = "--type";
        all[1] = "amqp";
        all[2] = "--broker";
        all[3] = broker.uri();
        all[4] = "--exchange";
        all[5] = exchange;
        System.arraycopy(args, 0, all, 6, args.length);
        return SignalCliRunner.run(all);
    }

    private Received received() throws InterruptedException {
        Received next = daemon.poll(10, TimeUnit.SECONDS);
        assertThat(next).as("a message on the daemon's queue").isNotNull();
        return next;
    }

    @Test
    void aMessageToOneDaemonArrivesSignedAsTextThenSignalCliSaysItIsDone() throws Exception {
        SignalCliRunner.Result result = signal("beta:server_service/QUIT");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Received quit = received();
        assertThat(quit.body()).isEqualTo("<test_host:signal_cli beta:server_service/QUIT");
        assertThat(quit.routingKey()).isEqualTo("beta.server_service");
        assertThat(quit.properties().getContentType()).isEqualTo("text/plain");
        assertThat(quit.properties().getContentEncoding()).isEqualTo("utf-8");
        assertThat(received().body()).isEqualTo("<test_host:signal_cli beta:server_service/DISCONNECTING");
    }

    @Test
    void aMessageToEveryDaemonOfAServiceGoesToAllOfIt() throws Exception {
        SignalCliRunner.Result result = signal("*:server_service/HELP");

        assertThat(result.exitCode()).as(result.err()).isZero();
        Received help = received();
        assertThat(help.body()).isEqualTo("<test_host:signal_cli *:server_service/HELP");
        assertThat(help.routingKey()).isEqualTo("all.server_service");
        // signal-cli waits for the broker's confirm of all it publishes: had it sent more, it would be
        // in the queue already, ahead of this
        channel.basicPublish(exchange, "all.server_service", null, "MARK".getBytes(StandardCharsets.UTF_8));
        assertThat(received().body()).as("no DISCONNECTING to a whole service").isEqualTo("MARK");
    }

    @Test
    void aMessageNoDaemonTakesIsNotDelivered() {
        SignalCliRunner.Result result = signal("gamma:server_service/QUIT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("no daemon takes gamma.server_service on exchange " + exchange);
    }

    @Test
    void aMessageWithoutAServiceIsAUsageError() {
        SignalCliRunner.Result result = signal("QUIT");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("names its service");
    }

    @Test
    void theAnswerIsPrintedAndTheGreetingSkipped() throws Exception {
        Thread answering = new Thread(() -> {
            try {
                Received help = received();
                String asker = help.body().substring(1, help.body().indexOf(' '));
                AMQP.BasicProperties text = new AMQP.BasicProperties.Builder()
                        .contentType("text/plain")
                        .build();
                channel.basicPublish(
                        exchange,
                        senderKey(help.body()),
                        text,
                        ("<beta:server_service " + asker + "/HI").getBytes(StandardCharsets.UTF_8));
                channel.basicPublish(
                        exchange,
                        senderKey(help.body()),
                        text,
                        ("<beta:server_service " + asker + "/COMMANDS list="
                                        + help.body().length())
                                .getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        answering.start();

        SignalCliRunner.Result result = signal("--reply", "beta:server_service/HELP");
        answering.join();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip())
                .matches("<beta:server_service test_host:signal_cli_[0-9a-f]{10}/COMMANDS list="
                        + "<test_host:signal_cli_0123456789 beta:server_service/HELP".length());
    }

    @Test
    void aRunWithReplyThatNamesItsSenderIsAnsweredThere() throws Exception {
        Thread answering = new Thread(() -> {
            try {
                Received help = received();
                AMQP.BasicProperties text = new AMQP.BasicProperties.Builder()
                        .contentType("text/plain")
                        .build();
                channel.basicPublish(
                        exchange,
                        "alpha.cron",
                        text,
                        "<beta:server_service alpha:cron/COMMANDS".getBytes(StandardCharsets.UTF_8));
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        answering.start();

        SignalCliRunner.Result result = signal("--reply", "<alpha:cron beta:server_service/HELP");
        answering.join();

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().strip()).isEqualTo("<beta:server_service alpha:cron/COMMANDS");
    }

    /** The sent-from address of a line, {@code <server:service ...}, as a routing key. */
    private static String senderKey(String line) {
        return line.substring(1, line.indexOf(' ')).replace(':', '.');
    }

    @Test
    void concurrentRunsWithReplyEachGetTheirOwnAnswerAndCloseOnlyTheirOwnConnection() throws Exception {
        Thread answering = new Thread(() -> {
            try {
                // both asked before either is answered, then answered in the other order
                Received first = received();
                Received second = received();
                for (Received request : List.of(second, first)) {
                    AMQP.BasicProperties text = new AMQP.BasicProperties.Builder()
                            .contentType("text/plain")
                            .build();
                    String to = request.body().substring(1, request.body().indexOf(' '));
                    channel.basicPublish(
                            exchange,
                            senderKey(request.body()),
                            text,
                            ("<beta:server_service " + to + "/HI").getBytes(StandardCharsets.UTF_8));
                    channel.basicPublish(
                            exchange,
                            senderKey(request.body()),
                            text,
                            ("<beta:server_service " + to + "/COMMANDS asked="
                                            + request.body()
                                                    .substring(request.body().indexOf("run=")))
                                    .getBytes(StandardCharsets.UTF_8));
                }
            } catch (InterruptedException | IOException e) {
                throw new IllegalStateException(e);
            }
        });
        answering.start();

        ExecutorService runs = Executors.newFixedThreadPool(2);
        try {
            Future<SignalCliRunner.Result> one = runs.submit(() -> signal("--reply", "beta:server_service/HELP run=1"));
            Future<SignalCliRunner.Result> two = runs.submit(() -> signal("--reply", "beta:server_service/HELP run=2"));
            SignalCliRunner.Result first = one.get(30, TimeUnit.SECONDS);
            SignalCliRunner.Result second = two.get(30, TimeUnit.SECONDS);
            answering.join();

            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out().strip()).endsWith("/COMMANDS asked=run=1");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(second.out().strip()).endsWith("/COMMANDS asked=run=2");
        } finally {
            runs.shutdownNow();
        }
        Received bye = received();
        Received otherBye = received();
        assertThat(List.of(bye.body(), otherBye.body())).allSatisfy(line -> assertThat(line)
                .startsWith("<test_host:signal_cli_")
                .endsWith(" beta:server_service/DISCONNECTING"));
        assertThat(senderKey(bye.body()))
                .as("each run says it is done for itself only")
                .isNotEqualTo(senderKey(otherBye.body()));
    }

    @Test
    void noAnswerInTimeIsNoReplyAndSignalCliStillSaysItIsDone() throws Exception {
        SignalCliRunner.Result result = signal("--reply", "0.3s", "beta:server_service/HELP");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.err()).contains("no answer to HELP");
        String help = received().body();
        assertThat(help).matches("<test_host:signal_cli_[0-9a-f]{10} beta:server_service/HELP");
        assertThat(received().body())
                .as("from the same run's address")
                .isEqualTo(help.substring(0, help.indexOf(' ')) + " beta:server_service/DISCONNECTING");
    }

    @Test
    void anExchangeThatDoesNotExistIsNotDelivered() {
        String missing = exchange + "_missing";
        SignalCliRunner.Result send = SignalCliRunner.run(
                "--type", "amqp", "--broker", broker.uri(), "--exchange", missing, "beta:server_service/QUIT");
        SignalCliRunner.Result ask = SignalCliRunner.run(
                "--type",
                "amqp",
                "--broker",
                broker.uri(),
                "--exchange",
                missing,
                "--reply",
                "beta:server_service/HELP");

        assertThat(send.exitCode()).isEqualTo(2);
        assertThat(send.err()).contains("no exchange '" + missing + "'").doesNotContain("guest:guest");
        assertThat(ask.exitCode()).isEqualTo(2);
        assertThat(ask.err()).contains("no exchange '" + missing + "'");
    }

    @Test
    void aSenderThatIsNoDaemonAddressIsAUsageError() {
        SignalCliRunner.Result result = signal("<all:cron beta:server_service/QUIT");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("\"all\" is reserved");
    }

    @Test
    void aBrokerUriTheClientRefusesNeverShowsThePassword() {
        SignalCliRunner.Result badUserInfo = SignalCliRunner.run(
                "--type", "amqp", "--broker", "amqp://guest:Sup3r:Secret@127.0.0.1/", "beta:server_service/QUIT");
        SignalCliRunner.Result badScheme = SignalCliRunner.run(
                "--type", "amqp", "--broker", "HTTP://guest:Sup3rSecret@127.0.0.1/", "beta:server_service/QUIT");

        assertThat(badUserInfo.exitCode()).isEqualTo(1);
        assertThat(badUserInfo.err())
                .contains("Bad user info")
                .doesNotContain("Sup3r")
                .doesNotContain("Secret");
        assertThat(badScheme.exitCode()).isEqualTo(1);
        assertThat(badScheme.err()).contains("HTTP://guest:******@127.0.0.1/").doesNotContain("Sup3rSecret");
    }

    @Test
    void theSchemeIsReadInAnyCase() {
        SignalCliRunner.Result result = SignalCliRunner.run(
                "--type",
                "amqp",
                "--broker",
                "AMQP://guest:guest@" + broker.host() + ":" + broker.amqpPort() + "/",
                "--exchange",
                exchange,
                "beta:server_service/QUIT");

        assertThat(result.exitCode()).as(result.err()).isZero();
    }

    @Test
    void masksEverythingThatMayBeThePassword() {
        assertThat(AmqpDelivery.masked("amqp://user:pass@host:5672/vh")).isEqualTo("amqp://user:******@host:5672/vh");
        assertThat(AmqpDelivery.masked("amqp://user:p@ss/w@host/")).isEqualTo("amqp://user:******@host/");
        assertThat(AmqpDelivery.masked("amqps://user@host:5671/")).isEqualTo("amqps://user@host:5671/");
        assertThat(AmqpDelivery.masked("amqp://host:5672/")).isEqualTo("amqp://host:5672/");
    }

    @Test
    void refusedCredentialsAreNotDeliveredAndThePasswordNeverShows() {
        SignalCliRunner.Result result = SignalCliRunner.run(
                "--type",
                "amqp",
                "--broker",
                "amqp://guest:Sup3rSecret@" + broker.host() + ":" + broker.amqpPort() + "/",
                "beta:server_service/QUIT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("refused the credentials").doesNotContain("Sup3rSecret");
    }

    @Test
    void aBrokerNotListeningIsNotDelivered() {
        SignalCliRunner.Result result = SignalCliRunner.run(
                "--type",
                "amqp",
                "--broker",
                "amqp://guest:guest@127.0.0.1:" + FreePorts.tcp() + "/",
                "beta:server_service/QUIT");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("connection refused").doesNotContain("guest:guest");
    }
}

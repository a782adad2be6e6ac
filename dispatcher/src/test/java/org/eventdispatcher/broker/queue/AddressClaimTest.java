package org.eventdispatcher.broker.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eventdispatcher.protocol.transport.BrokerAddress;
import org.eventdispatcher.testing.broker.RabbitNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/** Two daemons with one address on one broker: whatever their timing, one of them runs (PROTOCOL.md h.1). */
class AddressClaimTest {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final RabbitNode broker = RabbitNode.shared();
    private final BrokerAddress address = new BrokerAddress("claimed" + ADDRESSES.incrementAndGet(), "test_service");
    private final List<CachingConnectionFactory> daemons = new ArrayList<>();

    /** A daemon's connection to the broker, with its queue declared as the daemon declares it. */
    private CachingConnectionFactory daemonConnection() {
        CachingConnectionFactory factory = new CachingConnectionFactory("127.0.0.1", broker.amqpPort());
        daemons.add(factory);
        new RabbitAdmin(factory).declareQueue(new Queue(address.queue(), true, false, false));
        return factory;
    }

    @AfterEach
    void closeConnections() {
        daemons.forEach(CachingConnectionFactory::destroy);
    }

    @Test
    void twoDaemonsClaimingOneAddressAtOnceExactlyOneWinsAndTheOtherNamesIt() throws Exception {
        AddressClaim first = new AddressClaim(daemonConnection(), address, 0);
        AddressClaim second = new AddressClaim(daemonConnection(), address, 0);
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<Void>> claims = new ArrayList<>();
            for (AddressClaim claim : List.of(first, second)) {
                claims.add(CompletableFuture.runAsync(
                        () -> {
                            ready.countDown();
                            try {
                                go.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            claim.start();
                        },
                        threads));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (CompletableFuture<Void> claim : claims) {
                try {
                    claim.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(e.getCause());
                }
            }
            assertThat(failures)
                    .singleElement()
                    .isInstanceOf(BrokerAddressTakenException.class)
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("another daemon already runs as " + address);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theClaimIsHeldWhileTheDaemonsConnectionLastsThenAnotherMayTakeIt() {
        CachingConnectionFactory first = daemonConnection();
        AddressClaim running = new AddressClaim(first, address, 0);
        running.start();
        assertThatThrownBy(new AddressClaim(daemonConnection(), address, 0)::start)
                .as("before the first daemon's consumer starts, too")
                .isInstanceOf(BrokerAddressTakenException.class)
                .hasMessageContaining(address.toString());
        running.stop();
        first.destroy(); // as the daemon's context closes, or its process ends
        new AddressClaim(daemonConnection(), address, 0).start();
    }
}

package org.eventdispatcher.tcp;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.integration.ip.tcp.connection.TcpNetClientConnectionFactory;
import org.springframework.integration.ip.tcp.connection.TcpNetServerConnectionFactory;
import org.springframework.integration.ip.util.TestingUtilities;

/** Spring Integration connection factories on loopback whose events reach a test's context. */
public final class LoopbackFactories {

    private LoopbackFactories() {
    }

    /** A server factory on 127.0.0.1, any port, that drops what it reads: a bean for a test's context. */
    public static TcpNetServerConnectionFactory server() {
        TcpNetServerConnectionFactory server = new TcpNetServerConnectionFactory(0);
        server.setLocalAddress("127.0.0.1");
        server.registerListener(message -> { });
        return server;
    }

    /** The context's server factory, started (an inbound adapter would start it in a daemon). */
    public static TcpNetServerConnectionFactory listening(AssertableApplicationContext context) {
        TcpNetServerConnectionFactory server = context.getBean(TcpNetServerConnectionFactory.class);
        server.start();
        TestingUtilities.waitListening(server, 10_000L);
        return server;
    }

    /** A client factory publishing its events to the context, as a bean of it would. */
    public static TcpNetClientConnectionFactory client(AssertableApplicationContext context, int port) {
        TcpNetClientConnectionFactory client = new TcpNetClientConnectionFactory("127.0.0.1", port);
        client.setSingleUse(true); // a new connection per getConnection()
        client.setApplicationEventPublisher(context);
        client.setBeanFactory(context.getBeanFactory());
        client.afterPropertiesSet();
        client.start();
        return client;
    }
}

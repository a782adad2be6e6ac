package org.eventdispatcher.client;

import java.util.List;
import org.eventdispatcher.daemon.DaemonCommandLine;
import org.eventdispatcher.daemon.DaemonCommandLine.Option;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The client daemon: connects to the server, and keeps trying until it can; talks
 * {@code HI}/{@code DAD} ... {@code BYE}; exits 0 after {@code BYE}.
 *
 * <pre>java -jar client-service/target/client-service.jar --server 127.0.0.1:3001 --trace</pre>
 *
 * or, through the server's Unix socket, {@code --server unix:/run/eventdispatcher/server.sock}.
 */
@SpringBootApplication
@EnableConfigurationProperties(ConversationProperties.class)
public class ClientApplication {

    /** The upstream client's options (PROTOCOL.md f.2), each the Spring property behind it. */
    static final DaemonCommandLine COMMAND_LINE = new DaemonCommandLine(
            "client-service",
            ClientApplication.class,
            List.of(
                    Option.value(
                            "eventdispatcher.client.server",
                            "server to connect to, host[:port] (default " + DefaultAddresses.SERVER
                                    + ") or unix:/path of its Unix socket; or a comma list to fail over"
                                    + " between, preferred first",
                            "--server"),
                    Option.value(
                            "eventdispatcher.client.broker-peer",
                            "join this server through the message broker instead, by name: server:service, e.g."
                                    + " beta:server_service (turns on --broker)",
                            "--broker-peer"),
                    Option.value(
                            "eventdispatcher.log-rotate.listen",
                            "UDP address for LOG_ROTATE, host[:port] (default " + DefaultAddresses.CLIENT_LOG_ROTATE
                                    + ", any free port when taken)",
                            "--log-rotate-listen",
                            "--logrotate-listen",
                            "-R"),
                    Option.value(
                            "eventdispatcher.log-rotate.secret",
                            "secret_code a LOG_ROTATE datagram must carry (default: none)",
                            "--log-rotate-secret",
                            "--logrotate-secret"),
                    Option.value(
                            "eventdispatcher.client.reconnect.pauses",
                            "pauses between connection attempts, e.g. 0.5,1,2,5 (seconds; the last repeats)",
                            "--reconnect-pauses"),
                    Option.value(
                            "eventdispatcher.client.conversations",
                            "conversations to hold before exiting (default 1; 0: never stop)",
                            "--conversations"),
                    Option.value(
                            "eventdispatcher.client.stall-timeout",
                            "drop and replace a connection whose server does not answer within this, e.g. 10s (0: never)",
                            "--stall-timeout")));

    public static void main(String[] args) {
        COMMAND_LINE.run(ClientApplication.class, args);
    }
}

package org.eventdispatcher.server;

import java.util.List;
import org.eventdispatcher.daemon.DaemonCommandLine;
import org.eventdispatcher.daemon.DaemonCommandLine.Option;
import org.eventdispatcher.protocol.transport.DefaultAddresses;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The server daemon: {@code java -jar server-service.jar [--listen host:port,unix:/path] [--trace]}. */
@SpringBootApplication
public class ServerApplication {

    static final DaemonCommandLine COMMAND_LINE = new DaemonCommandLine(
            "server-service",
            ServerApplication.class,
            List.of(
                    Option.value(
                            "eventdispatcher.server.listen",
                            "where to listen: [name=]host[:port] or [name=]unix:/path, comma-separated (default "
                                    + DefaultAddresses.SERVER + ")",
                            "--listen"),
                    Option.value(
                            "eventdispatcher.log-rotate.listen",
                            "UDP address for LOG_ROTATE, host[:port] (default " + DefaultAddresses.SERVER_LOG_ROTATE
                                    + ")",
                            "--log-rotate-listen"),
                    Option.value(
                            "eventdispatcher.log-rotate.secret",
                            "secret_code a LOG_ROTATE must carry (default: none)",
                            "--log-rotate-secret")));

    public static void main(String[] args) {
        COMMAND_LINE.run(ServerApplication.class, args);
    }
}

package org.eventdispatcher.tcp.server;

import org.eventdispatcher.autoconfigure.DaemonAutoConfiguration;
import org.eventdispatcher.autoconfigure.DispatcherAutoConfiguration;
import org.eventdispatcher.autoconfigure.TcpServerAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The TCP server's tests' one daemon context: the auto-configurations a server daemon runs on. */
final class ServerContext {

    private ServerContext() {}

    /** A server daemon's context; each test adds its address, settings and handlers. */
    static ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        IntegrationAutoConfiguration.class,
                        TaskSchedulingAutoConfiguration.class,
                        DispatcherAutoConfiguration.class,
                        DaemonAutoConfiguration.class,
                        TcpServerAutoConfiguration.class));
    }
}

package org.eventdispatcher.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Lets any number of clients run on one host: the first takes the management port (3013), the
 * others fall back to a port the system picks, when {@code eventdispatcher.management.fallback-to-any-port}
 * is true.
 *
 * <p>Checking that the port is free is not enough: twenty clients started together would all find
 * it free, and all but one would then fail to bind it a second later. So the port is claimed with
 * an exclusive lock on a file named after it, held until the application stops (the system drops
 * it if the process dies); a client that cannot take the lock, or finds the port used by some
 * other program, uses an ephemeral port instead. Where the port ends up is logged once the server
 * listens ({@link ListeningAddresses}).
 */
class ManagementPortFallback implements EnvironmentPostProcessor, Ordered {

    static final String FALLBACK = "eventdispatcher.management.fallback-to-any-port";

    private final Log log;

    ManagementPortFallback(DeferredLogFactory logs) {
        this.log = logs.getLog(ManagementPortFallback.class);
    }

    /** After application.yml and the command line are read. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 10;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Integer port = environment.getProperty("management.server.port", Integer.class);
        if (!environment.getProperty(FALLBACK, Boolean.class, false) || port == null || port <= 0) {
            return;
        }
        String address = environment.getProperty("management.server.address", "127.0.0.1");
        Claim claim = Claim.take(address, port);
        if (claim != null) {
            application.addListeners(claim);
            return;
        }
        log.info("management port " + address + ":" + port + " is taken (another client on this host?);"
                + " using any free port");
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("management-port-fallback", Map.of("management.server.port", 0)));
    }

    /**
     * The lock on one port, let go when the application stops or fails to start (or by the system when
     * the process dies). The lock file stays: deleting it would let a client lock the old file while
     * another creates a new one. The lock is a POSIX record lock, which the system drops as soon as its
     * process closes any descriptor of the file, so nothing but this channel ever opens it here.
     */
    static final class Claim implements ApplicationListener<ApplicationEvent> {

        private final FileChannel file;
        private final FileLock lock;

        private Claim(FileChannel file, FileLock lock) {
            this.file = file;
            this.lock = lock;
        }

        /** The claim, or null when another client holds the port or it is not free. */
        static Claim take(String address, int port) {
            Path path = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "eventdispatcher-management-" + address.replaceAll("[^A-Za-z0-9.]", "_") + "-" + port + ".lock");
            FileChannel file = null;
            try {
                file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = file.tryLock();
                if (lock != null && isFree(address, port)) {
                    return new Claim(file, lock);
                }
            } catch (IOException | OverlappingFileLockException e) {
                // no lock file (read-only tmp, another user's file) or held in this JVM: not ours
            }
            close(file);
            return null;
        }

        private static boolean isFree(String address, int port) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getByName(address), port));
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof ContextClosedEvent closed
                            && closed.getApplicationContext().getParent() == null
                    || event instanceof ApplicationFailedEvent) {
                try {
                    lock.release();
                } catch (IOException e) {
                    // the process is ending; the system releases the lock then
                }
                close(file);
            }
        }

        private static void close(FileChannel file) {
            if (file != null) {
                try {
                    file.close();
                } catch (IOException e) {
                    // nothing to do: the lock goes with the channel
                }
            }
        }
    }
}

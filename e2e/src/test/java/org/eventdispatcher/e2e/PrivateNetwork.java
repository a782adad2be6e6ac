package org.eventdispatcher.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace of the test's own, with only its loopback interface up: daemons started in it
 * ({@link #wrapper()}) may take the default ports (3001, 3003, 3011, 3013) whatever runs on the host.
 * It lives as long as a process that waits on its standard input ({@code cat}); closing that ends it.
 * Needs root (or CAP_SYS_ADMIN) and util-linux's {@code unshare} and {@code nsenter}.
 */
final class PrivateNetwork implements AutoCloseable {

    private final Process holder;

    private PrivateNetwork(Process holder) {
        this.holder = holder;
    }

    /** True where a namespace can be made: root, with {@code unshare}, {@code nsenter} and {@code ip}. */
    static boolean available() {
        return "root".equals(System.getProperty("user.name"))
                && List.of("unshare", "nsenter", "ip").stream().allMatch(PrivateNetwork::onPath);
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** A new namespace, its loopback up once this returns. */
    static PrivateNetwork open() {
        try {
            // unshare and sh exec: the holder's pid is the process in the namespace
            Process holder = new ProcessBuilder("unshare", "-n", "sh", "-c", "ip link set lo up && echo up && exec cat")
                    .redirectErrorStream(true)
                    .start();
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            String first = out.readLine(); // the holder writes "up" or its error, then waits; or it ended
            if (!"up".equals(first)) {
                holder.destroyForcibly();
                throw new IllegalStateException("no network namespace: " + first);
            }
            return new PrivateNetwork(holder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start unshare", e);
        }
    }

    /** The command that runs the rest of its command line in this namespace (and execs it). */
    List<String> wrapper() {
        return List.of("nsenter", "--net=/proc/" + holder.pid() + "/ns/net", "--");
    }

    @Override
    public void close() throws InterruptedException {
        holder.destroy();
        if (!holder.waitFor(10, TimeUnit.SECONDS)) {
            holder.destroyForcibly();
        }
    }
}

package org.eventdispatcher.protocol.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The server name of this machine, as messages carry it: the host name made a valid name
 * (PROTOCOL.md g.9, h.1). Upstream puts the raw host name there, and a name such as
 * {@code web-1.example} fails the name rules; every character a name may not hold becomes {@code _}.
 */
public final class ServerNames {

    private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

    private ServerNames() {}

    /** This machine's host name, made a valid server name. */
    public static String local() {
        return sanitize(localHostName());
    }

    /**
     * Maps each character outside {@code a-z A-Z 0-9 _} to {@code _} and puts {@code _} before a
     * leading digit, so the result always passes the name rules of PROTOCOL.md a.2.
     */
    public static String sanitize(String hostName) {
        if (hostName == null || hostName.isEmpty()) {
            return "localhost";
        }
        StringBuilder name = new StringBuilder(hostName.length() + 1);
        if (hostName.charAt(0) >= '0' && hostName.charAt(0) <= '9') {
            name.append('_');
        }
        for (int i = 0; i < hostName.length(); i = hostName.offsetByCodePoints(i, 1)) {
            int c = hostName.codePointAt(i);
            name.append(isNameCharacter(c) ? (char) c : '_');
        }
        return name.toString();
    }

    private static boolean isNameCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /**
     * The kernel's host name, as upstream's gethostname() gives it. {@link InetAddress#getLocalHost()}
     * is the last resort only: it resolves the name too, which can stall start-up on a machine
     * whose name is not in DNS.
     */
    private static String localHostName() {
        try {
            if (Files.isReadable(KERNEL_HOST_NAME)) {
                return Files.readString(KERNEL_HOST_NAME, StandardCharsets.UTF_8)
                        .strip();
            }
        } catch (IOException e) {
            // fall through to the other sources
        }
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment == null || fromEnvironment.isBlank()) {
            fromEnvironment = System.getenv("COMPUTERNAME");
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

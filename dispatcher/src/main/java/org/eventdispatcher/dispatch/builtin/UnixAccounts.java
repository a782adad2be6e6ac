package org.eventdispatcher.dispatch.builtin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * User and group names to their ids, as {@code /etc/passwd} and {@code /etc/group} say, read when
 * the stop rule is made (at start): a rule written {@code user:NAME} means the id that name has
 * then. Accounts held elsewhere (LDAP through NSS) are not seen: write {@code uid:N} for those.
 */
final class UnixAccounts {

    /** Both files are small; a bigger one is not an account database this reads. */
    private static final long MAX_FILE_BYTES = 16L * 1024 * 1024;

    private static final Path PASSWD = Path.of("/etc/passwd");
    private static final Path GROUP = Path.of("/etc/group");

    private UnixAccounts() {}

    /** @throws IllegalArgumentException when no such user is in /etc/passwd */
    static int uidOf(String user) {
        return idOf(PASSWD, user, "user");
    }

    /** @throws IllegalArgumentException when no such group is in /etc/group */
    static int gidOf(String group) {
        return idOf(GROUP, group, "group");
    }

    /** The user id this process runs as; -1 where the system does not say (not Linux). */
    static int ownUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code name:password:id:...}: the third field of the line that starts with the name. */
    private static int idOf(Path file, String name, String kind) {
        for (String line : lines(file)) {
            String[] fields = line.split(":", 4);
            if (fields.length >= 3 && fields[0].equals(name)) {
                try {
                    return Integer.parseInt(fields[2]);
                } catch (NumberFormatException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("no " + kind + " " + name + " in " + file);
    }

    private static List<String> lines(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
            }
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }
}

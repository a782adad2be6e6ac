package org.eventdispatcher.tcp.server.listener;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may connect to a Unix-domain listener, as the file system says it: the socket file's mode
 * and group ({@code eventdispatcher.server.unix.*}). Connecting takes write permission on the file.
 *
 * @param mode  octal, as chmod takes it: {@code 0660} lets the daemon's user and the file's group in
 * @param group the group the file is given (the daemon's user must be in it); empty: the daemon's own
 */
public record UnixAccess(
        @DefaultValue("0660") String mode, @DefaultValue("") String group) {

    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");

    /** In the order of the bits, from 0400 down to 0001. */
    private static final PosixFilePermission[] BITS = {
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE
    };

    public UnixAccess {
        if (!OCTAL.matcher(mode.strip()).matches()) {
            throw new IllegalArgumentException(
                    "unix.mode must be three octal digits, as chmod takes them (0660), not \"" + mode + "\"");
        }
        mode = mode.strip();
        group = group.strip();
    }

    /** The default: {@code 0660}, the daemon's group. */
    public static UnixAccess standard() {
        return new UnixAccess("0660", "");
    }

    public Set<PosixFilePermission> permissions() {
        int bits = Integer.parseInt(mode, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (int i = 0; i < BITS.length; i++) {
            if ((bits & (0400 >> i)) != 0) {
                permissions.add(BITS[i]);
            }
        }
        return permissions;
    }
}

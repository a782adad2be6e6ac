package org.eventdispatcher.tcp.server.listener;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import org.eventdispatcher.protocol.transport.UnixPath;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file a Unix-domain listener binds: a stale one (left by a daemon that died; nothing accepts
 * on it) is replaced, a live one refuses the start; once bound it gets its mode and group; at exit
 * it is removed.
 */
public final class UnixSocketFile {

    private static final Logger log = LoggerFactory.getLogger(UnixSocketFile.class);

    /** {@code S_IFMT} and {@code S_IFSOCK} of {@code stat(2)}'s mode. */
    private static final int FILE_TYPE = 0170000;

    private static final int SOCKET = 0140000;

    private UnixSocketFile() {}

    /**
     * Makes way for a bind: nothing there, or a socket nobody accepts on (removed). Never waits: the
     * probe's connect does not block, and one that cannot complete at once (a full backlog) is a
     * live daemon too.
     *
     * @throws BindException when a process accepts on it ("in use")
     * @throws IOException   when the path is something other than a socket, or cannot be removed
     */
    public static void claim(UnixPath socket) throws IOException {
        Path path = Path.of(socket.path());
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & FILE_TYPE) != SOCKET) {
            throw new IOException(path + " exists and is not a socket; it is left as it is");
        }
        if (accepting(path)) {
            throw new BindException("Address already in use: a process accepts connections on " + path);
        }
        Files.delete(path);
        log.info("removed the stale socket {}: nothing accepted on it", path);
    }

    private static boolean accepting(Path path) throws IOException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false);
            probe.connect(UnixDomainSocketAddress.of(path));
            return true; // connected, or on its way: someone listens
        } catch (ConnectException refused) {
            return false;
        }
    }

    /**
     * Gives the bound file its mode and group.
     *
     * @throws IOException naming the group when it does not exist, or the file when it cannot be changed
     */
    public static void restrict(UnixPath socket, UnixAccess access) throws IOException {
        Path path = Path.of(socket.path());
        Files.setPosixFilePermissions(path, access.permissions());
        if (!access.group().isEmpty()) {
            GroupPrincipal group;
            try {
                group = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(access.group());
            } catch (UserPrincipalNotFoundException e) {
                throw new IOException("no group " + access.group() + " (eventdispatcher.server.unix.group)", e);
            }
            Files.getFileAttributeView(path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setGroup(group);
        }
    }

    /** Removes the file at exit; a file already gone is fine. */
    public static void remove(UnixPath socket) {
        try {
            Files.deleteIfExists(Path.of(socket.path()));
        } catch (IOException e) {
            log.warn("could not remove the socket {}: {}", socket.path(), e.getMessage());
        }
    }
}

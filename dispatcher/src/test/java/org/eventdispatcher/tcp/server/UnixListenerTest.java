package org.eventdispatcher.tcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.eventdispatcher.connection.ConnectionRegistry;
import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.testing.lines.LineClient;
import org.eventdispatcher.testing.lines.UnixSocketLineClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A daemon listening on TCP and on a Unix-domain socket at once, through the one server and pipeline. */
@ExtendWith(OutputCaptureExtension.class)
class UnixListenerTest {

    @TempDir
    Path directory;

    private Path socket;

    /** Answers on every listener. */
    @MessageHandlers
    static class Echo {

        @OnCommand("PING")
        Message ping(Message request) {
            return Message.replyBuilder(request, "PONG").build();
        }
    }

    /** Answers on the listener named {@code admin} alone. */
    @MessageHandlers(listeners = "admin")
    static class AdminCommands {

        @OnCommand("DRAIN")
        Message drain(Message request) {
            return Message.replyBuilder(request, "DRAINING").build();
        }
    }

    @BeforeEach
    void epoll() {
        assumeTrue(Epoll.isAvailable(), "Unix-domain listeners need Netty's epoll transport");
        socket = directory.resolve("server.sock");
    }

    private ApplicationContextRunner runner(String listen) {
        return ServerContext.runner()
                .withUserConfiguration(Echo.class, AdminCommands.class)
                .withPropertyValues("eventdispatcher.server.listen=" + listen);
    }

    @Test
    void oneDaemonServesTheConversationOverTcpAndAUnixSocketAtOnce() {
        runner("127.0.0.1:0, unix:" + socket).run(context -> {
            ListeningServer server = context.getBean(ListeningServer.class);
            try (LineClient tcp = new LineClient(server.getPort());
                    UnixSocketLineClient unix = new UnixSocketLineClient(socket)) {
                assertThat(tcp.ask("PING")).isEqualTo("PONG");
                assertThat(unix.ask("PING")).isEqualTo("PONG");
                assertThat(unix.ask("ALIVE serial=7")).startsWith("ABSOLUTELY ").contains("serial=7");
            }
            assertThat(server.listeners())
                    .extracting(status -> status.address().toString())
                    .containsExactly("127.0.0.1:" + server.getPort(), "unix:" + socket);
        });
    }

    @Test
    void aUnixPeerIsKnownByItsProcessAndItsListenerInTheConnections() {
        runner("127.0.0.1:0, admin=unix:" + socket).run(context -> {
            try (UnixSocketLineClient unix = new UnixSocketLineClient(socket)) {
                assertThat(unix.ask("PING")).isEqualTo("PONG");
                List<ConnectionRegistry.Statistics> open =
                        context.getBean(ConnectionRegistry.class).connections();
                assertThat(open).singleElement().satisfies(connection -> {
                    assertThat(connection.listener()).isEqualTo("admin=unix:" + socket);
                    assertThat(connection.credentials()).isNotNull();
                    assertThat(connection.credentials().pid())
                            .isEqualTo((int) ProcessHandle.current().pid());
                    assertThat(connection.peer())
                            .startsWith("uid=" + connection.credentials().uid() + ",");
                });
            }
        });
    }

    @Test
    void theTraceLineNamesTheUnixPeersProcess(CapturedOutput output) {
        runner("unix:" + socket)
                .withPropertyValues("eventdispatcher.dispatch.trace=true")
                .run(context -> {
                    try (UnixSocketLineClient unix = new UnixSocketLineClient(socket)) {
                        assertThat(unix.ask("PING")).isEqualTo("PONG");
                    }
                });
        assertThat(output.getAll())
                .containsPattern("uid=\\d+,gid=-?\\d+,pid="
                        + ProcessHandle.current().pid() + Pattern.quote("@unix:" + socket + " -> PING"));
    }

    @Test
    void aHandlerClassLimitedToOneListenerIsUnknownOnAnother() {
        runner("public=127.0.0.1:0, admin=unix:" + socket).run(context -> {
            try (LineClient tcp = new LineClient(
                            context.getBean(ListeningServer.class).getPort());
                    UnixSocketLineClient admin = new UnixSocketLineClient(socket)) {
                assertThat(tcp.ask("DRAIN")).isEqualTo("UNKNOWN command=DRAIN");
                assertThat(admin.ask("DRAIN")).isEqualTo("DRAINING");
            }
        });
    }

    @Test
    void helpListsWhatEachNamedListenerCarries() {
        runner("public=127.0.0.1:0, admin=unix:" + socket).run(context -> {
            try (LineClient tcp = new LineClient(
                            context.getBean(ListeningServer.class).getPort());
                    UnixSocketLineClient admin = new UnixSocketLineClient(socket)) {
                String onPublic = tcp.ask("HELP");
                String onAdmin = admin.ask("HELP");
                assertThat(onPublic)
                        .startsWith("COMMANDS list=")
                        .contains("PING")
                        .doesNotContain("DRAIN");
                assertThat(onAdmin).startsWith("COMMANDS list=").contains("PING", "DRAIN");
            }
        });
    }

    @Test
    void anUnnamedListenerCarriesEveryCommand() {
        runner("unix:" + socket).run(context -> {
            try (UnixSocketLineClient unix = new UnixSocketLineClient(socket)) {
                assertThat(unix.ask("DRAIN")).isEqualTo("DRAINING");
                assertThat(unix.ask("HELP")).contains("DRAIN");
            }
        });
    }

    @Test
    void theSocketFileGetsItsModeAndGroup() throws IOException {
        String group = anyGroupButTheProcesssOwn();
        runner("unix:" + socket)
                .withPropertyValues(
                        "eventdispatcher.server.unix.mode=0640", "eventdispatcher.server.unix.group=" + group)
                .run(context -> {
                    PosixFileAttributes attributes = Files.readAttributes(socket, PosixFileAttributes.class);
                    assertThat(PosixFilePermissions.toString(attributes.permissions()))
                            .isEqualTo("rw-r-----");
                    assertThat(attributes.group().getName()).isEqualTo(group);
                });
    }

    @Test
    void theSocketFileIsMode0660ByDefault() {
        runner("unix:" + socket)
                .run(context -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)))
                        .isEqualTo("rw-rw----"));
    }

    @Test
    void aStaleSocketFileIsReplaced() throws IOException {
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket)); // the JDK leaves the file behind when it closes
        }
        assertThat(socket).exists();
        runner("unix:" + socket).run(context -> {
            assertThat(context).hasNotFailed();
            try (UnixSocketLineClient unix = new UnixSocketLineClient(socket)) {
                assertThat(unix.ask("PING")).isEqualTo("PONG");
            }
        });
    }

    @Test
    void aLiveSocketFileRefusesTheStartNamingIt() throws IOException {
        try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            live.bind(UnixDomainSocketAddress.of(socket));
            runner("127.0.0.1:0, admin=unix:" + socket).run(context -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("in use");
                assertThat(context.getStartupFailure())
                        .hasStackTraceContaining(
                                ListenException.class.getName() + ": cannot listen on admin=unix:" + socket);
            });
            assertThat(socket).as("the live daemon's socket stays").exists();
        } finally {
            Files.deleteIfExists(socket);
        }
    }

    @Test
    void aListenerThatCannotBindFailsTheStartNamingItAndFreesTheOthers() {
        Path nowhere = directory.resolve("missing").resolve("server.sock");
        runner("127.0.0.1:0, admin=unix:" + nowhere).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .hasStackTraceContaining(
                            ListenException.class.getName() + ": cannot listen on admin=unix:" + nowhere);
        });
    }

    @Test
    void withoutEpollAUnixAddressFailsTheStartSayingWhy() {
        runner("unix:" + socket)
                .withPropertyValues("eventdispatcher.server.native-transport=false")
                .run(context -> assertThat(context.getStartupFailure())
                        .hasStackTraceContaining("cannot listen on unix:" + socket)
                        .hasStackTraceContaining("a unix: address needs Netty's native epoll transport")
                        .hasStackTraceContaining("eventdispatcher.server.native-transport is false"));
    }

    @Test
    void theSocketFileIsGoneOnceTheDaemonStops() {
        runner("unix:" + socket).run(context -> assertThat(socket).exists());
        assertThat(socket).doesNotExist();
    }

    @Test
    void eachListenerHasItsOwnHealthFigures() {
        runner("public=127.0.0.1:0, admin=unix:" + socket).run(context -> {
            ListeningServer server = context.getBean(ListeningServer.class);
            try (UnixSocketLineClient admin = new UnixSocketLineClient(socket)) {
                assertThat(admin.ask("PING")).isEqualTo("PONG");
                assertThat(server.listeners())
                        .extracting(
                                ListeningServer.ListenerStatus::name,
                                ListeningServer.ListenerStatus::accepting,
                                ListeningServer.ListenerStatus::openConnections)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("public", true, 0L),
                                org.assertj.core.groups.Tuple.tuple("admin", true, 1L));
            }
        });
    }

    /** A group of /etc/group this process can give a file it owns: as root, any. */
    private static String anyGroupButTheProcesssOwn() throws IOException {
        return Files.readAllLines(Path.of("/etc/group")).stream()
                .map(line -> line.split(":", 2)[0])
                .filter(name -> !name.equals("root"))
                .findFirst()
                .orElseThrow();
    }
}

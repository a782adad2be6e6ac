package org.eventdispatcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.eventdispatcher.testing.lines.LineClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Definition directories given to the real daemons, as an operator gives them upstream's files. */
class MessageContractsIT {

    @RegisterExtension
    final Processes processes = new Processes();

    @TempDir
    Path definitions;

    /** Written in upstream's style: a vim line, a misspelt key, a section with dashes. */
    private void writeUpstreamStyleDefinitions() throws IOException {
        Files.writeString(definitions.resolve("DAD.conf"), "# DAD parameters\n\n# vim: syntax=dosini\n");
        Files.writeString(definitions.resolve("ALIVE.conf"), """
                # ALIVE parameters

                [serial]
                flags = optional

                [timestamp]
                descro[topm = when it was sent
                type = timespec
                flags = optional

                [reply-to]
                type = address
                flags = optional

                # vim: syntax=dosini
                """);
    }

    @Test
    void theConversationIsByteIdenticalWithADefinitionDirectoryAndItsContractsHold() throws IOException {
        writeUpstreamStyleDefinitions();
        int port = LoopbackPorts.free();
        DaemonProcess server = Daemons.server(
                processes, port, LoopbackPorts.free(), "--path-to-message-definitions", definitions.toString());

        assertThat(Conversations.run(port)).isEqualTo(Conversations.EXPECTED);
        DaemonProcess client = Daemons.client(
                processes, "client", port, "--path-to-message-definitions", definitions + ":/nonexistent");
        assertThat(client.awaitExit(Daemons.START)).as("client exit status").isZero();

        try (LineClient peer = new LineClient(port)) {
            assertThat(peer.readLine()).isEqualTo("HI");
            assertThat(peer.ask("DAD extra=undeclared")).isEqualTo("CLIMB");
            assertThat(peer.ask("ALIVE serial=;timestamp=noon;reply_to=db.example.com"))
                    .isEqualTo("INVALID command=ALIVE;message=empty parameter serial,"
                            + " parameter timestamp is not a timespec (seconds[.fraction]): \"noon\","
                            + " parameter reply_to is not an IP address: \"db.example.com\"");
            assertThat(peer.ask("ALIVE serial=1;reply_to=[::1]:4040")).startsWith("ABSOLUTELY");
        }
        assertThat(server.isAlive()).isTrue();
    }

    @Test
    void aBrokenDefinitionFileStopsTheServerNamingItsFileAndLine() throws IOException {
        Path broken = definitions.resolve("TOP.conf");
        Files.writeString(broken, "[level]\ntype = float\n");
        int port = LoopbackPorts.free();

        DaemonProcess server = processes.start(
                "server",
                Processes.SERVER,
                List.of(
                        "--listen",
                        LoopbackPorts.HOST + ":" + port,
                        "--log-rotate-listen",
                        LoopbackPorts.HOST + ":0",
                        "--eventdispatcher.config-dir=/dev/null",
                        "--management.server.port=0",
                        "--path-to-message-definitions",
                        definitions.toString()));

        assertThat(server.awaitExit(Daemons.START)).as("server exit status").isEqualTo(1);
        assertThat(server.hasLine(Pattern.quote(broken + ":2: [level]: parameter type \"float\"")))
                .as("names the file and line:\n" + String.join("\n", server.output()))
                .isTrue();
        assertThat(LoopbackPorts.isFree(port)).isTrue();
    }
}

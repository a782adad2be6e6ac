package org.eventdispatcher.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eventdispatcher.daemon.DaemonCommandLine.Option;
import org.eventdispatcher.daemon.DaemonCommandLine.Run;
import org.junit.jupiter.api.Test;

class DaemonCommandLineTest {

    private final DaemonCommandLine commandLine = new DaemonCommandLine(
            "server-service",
            "1.0",
            List.of(
                    Option.value("eventdispatcher.server.listen", "TCP address", "--listen"),
                    Option.value(
                            "eventdispatcher.log-rotate.listen",
                            "UDP address",
                            "--log-rotate-listen",
                            "--logrotate-listen",
                            "-R")));

    private String[] spring(String... args) {
        return ((Run) commandLine.parse(args)).springArguments();
    }

    @Test
    void gnuStyleOptionsBecomeSpringProperties() {
        assertThat(spring("--listen", "127.0.0.1:4000", "--log-rotate-listen=127.0.0.1:4001"))
                .containsExactly(
                        "--eventdispatcher.server.listen=127.0.0.1:4000",
                        "--eventdispatcher.log-rotate.listen=127.0.0.1:4001");
        assertThat(spring("-R", "127.0.0.1:5")).containsExactly("--eventdispatcher.log-rotate.listen=127.0.0.1:5");
    }

    @Test
    void traceIsOursNotSpringBoots() {
        assertThat(spring("--trace")).containsExactly("--eventdispatcher.dispatch.trace=true");
    }

    @Test
    void upstreamsDefinitionPathIsAnOptionOfEveryDaemon() {
        assertThat(spring("--path-to-message-definitions", "/etc/a:/usr/b"))
                .containsExactly("--eventdispatcher.dispatch.message-definitions=/etc/a:/usr/b");
    }

    @Test
    void springPropertiesPassThrough() {
        assertThat(spring("--management.server.port=0")).containsExactly("--management.server.port=0");
    }

    @Test
    void helpAndVersionAreAnswered() {
        assertThat(commandLine.parse(new String[] {"--listen", "x", "--help"}))
                .isInstanceOf(DaemonCommandLine.Help.class);
        assertThat(commandLine.parse(new String[] {"--version"})).isInstanceOf(DaemonCommandLine.Version.class);
    }

    @Test
    void helpKeepsItsColumnsWhateverTheNamesAndDescriptions() {
        DaemonCommandLine wordy = new DaemonCommandLine(
                "client-service",
                "1.0",
                List.of(
                        Option.value(
                                "eventdispatcher.log-rotate.listen",
                                "UDP address",
                                "--log-rotate-listen",
                                "--logrotate-listen",
                                "-R"),
                        Option.value(
                                "eventdispatcher.client.server",
                                "server to connect to, host[:port] (default"
                                        + " 127.0.0.1:3001); or a comma list to fail over between, preferred first",
                                "--server")));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        wordy.printHelp(new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();

        assertThat(lines).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        assertThat(lines).contains("  --log-rotate-listen, --logrotate-listen, -R <value>");
        assertThat(lines)
                .filteredOn(line -> line.startsWith("  --server"))
                .singleElement()
                .satisfies(line -> assertThat(line.indexOf("server to")).isEqualTo(39));
        assertThat(lines)
                .filteredOn(line -> line.contains("preferred first") || line.contains("UDP address"))
                .allSatisfy(line -> assertThat(line).startsWith(" ".repeat(39)).doesNotStartWith(" ".repeat(40)));
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> commandLine.parse(new String[] {"--lisen", "x"}))
                .hasMessage("unknown option --lisen");
        assertThatThrownBy(() -> commandLine.parse(new String[] {"--listen"}))
                .hasMessage("option --listen needs a value");
        assertThatThrownBy(() -> commandLine.parse(new String[] {"stray"})).hasMessage("unexpected argument \"stray\"");
    }
}

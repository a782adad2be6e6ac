package org.eventdispatcher.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.eventdispatcher.daemon.DaemonCommandLine.Option;
import org.eventdispatcher.daemon.DaemonCommandLine.Run;
import org.junit.jupiter.api.Test;

class DaemonCommandLineTest {

    private final DaemonCommandLine commandLine = new DaemonCommandLine("server-service", "1.0", List.of(
            Option.value("eventdispatcher.server.listen", "TCP address", "--listen"),
            Option.value("eventdispatcher.log-rotate.listen", "UDP address", "--log-rotate-listen",
                    "--logrotate-listen", "-R")));

    private String[] spring(String... args) {
        return ((Run) commandLine.parse(args)).springArguments();
    }

    @Test
    void gnuStyleOptionsBecomeSpringProperties() {
        assertThat(spring("--listen", "127.0.0.1:4000", "--log-rotate-listen=127.0.0.1:4001")).containsExactly(
                "--eventdispatcher.server.listen=127.0.0.1:4000", "--eventdispatcher.log-rotate.listen=127.0.0.1:4001");
        assertThat(spring("-R", "127.0.0.1:5")).containsExactly("--eventdispatcher.log-rotate.listen=127.0.0.1:5");
    }

    @Test
    void traceIsOursNotSpringBoots() {
        assertThat(spring("--trace")).containsExactly("--eventdispatcher.dispatch.trace=true");
    }

    @Test
    void springPropertiesPassThrough() {
        assertThat(spring("--management.server.port=0")).containsExactly("--management.server.port=0");
    }

    @Test
    void helpAndVersionAreAnswered() {
        assertThat(commandLine.parse(new String[] {"--listen", "x", "--help"})).isInstanceOf(DaemonCommandLine.Help.class);
        assertThat(commandLine.parse(new String[] {"--version"})).isInstanceOf(DaemonCommandLine.Version.class);
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> commandLine.parse(new String[] {"--lisen", "x"})).hasMessage("unknown option --lisen");
        assertThatThrownBy(() -> commandLine.parse(new String[] {"--listen"})).hasMessage("option --listen needs a value");
        assertThatThrownBy(() -> commandLine.parse(new String[] {"stray"})).hasMessage("unexpected argument \"stray\"");
    }
}

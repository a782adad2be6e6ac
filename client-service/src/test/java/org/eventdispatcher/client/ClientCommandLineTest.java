package org.eventdispatcher.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.daemon.DaemonCommandLine;
import org.junit.jupiter.api.Test;

class ClientCommandLineTest {

    @Test
    void upstreamOptionNamesBecomeTheSpringProperties() {
        DaemonCommandLine.Result result = ClientApplication.COMMAND_LINE.parse(new String[] {
            "--server",
            "10.0.0.1:4000",
            "-R",
            "127.0.0.1:4003",
            "--logrotate-secret=s3",
            "--trace",
            "--reconnect-pauses",
            "1,2",
            "--stall-timeout=5s"
        });

        assertThat(((DaemonCommandLine.Run) result).springArguments())
                .containsExactly(
                        "--eventdispatcher.client.server=10.0.0.1:4000",
                        "--eventdispatcher.log-rotate.listen=127.0.0.1:4003",
                        "--eventdispatcher.log-rotate.secret=s3",
                        "--eventdispatcher.dispatch.trace=true",
                        "--eventdispatcher.client.reconnect.pauses=1,2",
                        "--eventdispatcher.client.stall-timeout=5s");
    }

    @Test
    void theLongNamesWork() {
        DaemonCommandLine.Result result = ClientApplication.COMMAND_LINE.parse(new String[] {
            "--log-rotate-listen=127.0.0.1:4003", "--log-rotate-secret", "s3", "--logrotate-listen", ":5"
        });

        assertThat(((DaemonCommandLine.Run) result).springArguments())
                .containsExactly(
                        "--eventdispatcher.log-rotate.listen=127.0.0.1:4003",
                        "--eventdispatcher.log-rotate.secret=s3",
                        "--eventdispatcher.log-rotate.listen=:5");
    }
}

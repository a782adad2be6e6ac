package org.eventdispatcher.dispatch.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.eventdispatcher.daemon.DaemonProperties;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;

class StopPolicyTest {

    private static final Message QUIT = Message.of("QUIT");

    @Test
    void byDefaultOnlyLoopbackMayStopTheDaemonIpv4MappedIncluded() throws Exception {
        StopPolicy policy = new StopPolicy(new DaemonProperties.Stop(List.of("127.0.0.0/8", "::1"), ""));

        assertThat(policy.refusal(QUIT, from("127.0.0.1"))).isNull();
        assertThat(policy.refusal(QUIT, from("127.5.6.7"))).isNull();
        assertThat(policy.refusal(QUIT, from("::1"))).isNull();
        assertThat(policy.refusal(QUIT, from("::ffff:127.0.0.1"))).isNull();
        assertThat(policy.refusal(QUIT, from("10.0.0.1"))).isEqualTo("not allowed from 10.0.0.1");
        assertThat(policy.refusal(QUIT, from("::2"))).isEqualTo("not allowed from 0:0:0:0:0:0:0:2");
        assertThat(policy.refusal(QUIT, Sender.unknown())).isEqualTo("the sender's address is unknown");
    }

    @Test
    void blocksMatchOnTheirPrefixOnly() throws Exception {
        StopPolicy policy = new StopPolicy(new DaemonProperties.Stop(List.of("10.1.0.0/23", "fd00::/8"), ""));

        assertThat(policy.refusal(QUIT, from("10.1.1.255"))).isNull();
        assertThat(policy.refusal(QUIT, from("10.1.2.0"))).isNotNull();
        assertThat(policy.refusal(QUIT, from("fd12::1"))).isNull();
        assertThat(policy.refusal(QUIT, from("fe80::1"))).isNotNull();
    }

    @Test
    void withASecretTheMessageMustCarryIt() throws Exception {
        StopPolicy policy = new StopPolicy(new DaemonProperties.Stop(List.of("127.0.0.1"), "s3cret"));

        assertThat(policy.refusal(QUIT, from("127.0.0.1"))).isEqualTo("secret_code is missing");
        assertThat(policy.refusal(quit("guess"), from("127.0.0.1"))).isEqualTo("secret_code does not match");
        assertThat(policy.refusal(quit("s3cret"), from("127.0.0.1"))).isNull();
        assertThat(policy.refusal(quit("s3cret"), from("127.0.0.2")))
                .as("and come from an allowed address")
                .isEqualTo("not allowed from 127.0.0.2");
    }

    @Test
    void aBadEntryFailsTheStartNamingItAndTheSecretNeverShows() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DaemonProperties.Stop(List.of("10.0.0.0/33"), ""))
                .withMessage("eventdispatcher.daemon.stop.allowed-from: \"10.0.0.0/33\": the prefix length must be"
                        + " between 0 and 32");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DaemonProperties.Stop(List.of("localhost"), ""))
                .withMessage("eventdispatcher.daemon.stop.allowed-from: \"localhost\" is not an IP address or a"
                        + " CIDR block");
        assertThat(new DaemonProperties.Stop(List.of("::1"), "s3cret").toString())
                .doesNotContain("s3cret");
    }

    private static Message quit(String secret) {
        return Message.builder("QUIT").parameter("secret_code", secret).build();
    }

    private static Peer from(String ip) throws Exception {
        return Sender.fromIp(ip);
    }
}

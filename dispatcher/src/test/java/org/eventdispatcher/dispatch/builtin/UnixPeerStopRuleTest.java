package org.eventdispatcher.dispatch.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventdispatcher.daemon.DaemonProperties;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;

/** The stop rule over a Unix-domain socket: the peer's process by its user and group, never by an IP range. */
class UnixPeerStopRuleTest {

    private static final Message QUIT = Message.of("QUIT");

    @Test
    void byDefaultRootAndTheDaemonsOwnUserAreObeyedOnAUnixSocket() throws Exception {
        StopPolicy policy = policy("127.0.0.0/8", "::1");
        int own = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");

        assertThat(policy.refusal(QUIT, process(0, 0))).isNull();
        assertThat(policy.refusal(QUIT, process(own, 4242))).isNull();
        assertThat(policy.refusal(QUIT, process(65534, 65534))).isEqualTo("not allowed from uid 65534 (gid 65534)");
    }

    @Test
    void uidAndGidRulesLetTheirProcessesIn() throws Exception {
        StopPolicy policy = policy("uid:1000", "gid:2000");

        assertThat(policy.refusal(QUIT, process(1000, 1))).isNull();
        assertThat(policy.refusal(QUIT, process(1001, 2000))).isNull();
        assertThat(policy.refusal(QUIT, process(1001, 2001))).isEqualTo("not allowed from uid 1001 (gid 2001)");
        assertThat(policy.refusal(QUIT, process(0, 0)))
                .as("written rules replace the default, root included")
                .isNotNull();
    }

    @Test
    void aCidrRuleNeverLetsAUnixPeerIn() throws Exception {
        StopPolicy policy = policy("0.0.0.0/0", "::/0", "uid:1000");

        assertThat(policy.refusal(QUIT, process(65534, 65534))).isNotNull();
    }

    @Test
    void aUidRuleNeverLetsATcpPeerIn() throws Exception {
        StopPolicy policy = policy("uid:0", "user:root", "gid:0", "group:root");

        assertThat(policy.refusal(QUIT, tcp("127.0.0.1"))).isEqualTo("not allowed from 127.0.0.1");
    }

    @Test
    void namesAreReadAtStart() throws Exception {
        StopPolicy policy = policy("user:root");

        assertThat(policy.refusal(QUIT, process(0, 12))).isNull();
        assertThat(policy.refusal(QUIT, process(1, 0))).isNotNull();
        assertThat(policy("group:root").refusal(QUIT, process(1, 0))).isNull();
    }

    @Test
    void anUnknownNameOrABadIdFailsTheStartNamingIt() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DaemonProperties.Stop(List.of("user:no-such-user-here"), ""))
                .withMessage("eventdispatcher.daemon.stop.allowed-from: \"user:no-such-user-here\": no user"
                        + " no-such-user-here in /etc/passwd");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DaemonProperties.Stop(List.of("group:no-such-group-here"), ""))
                .withMessageContaining("no group no-such-group-here in /etc/group");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DaemonProperties.Stop(List.of("uid:-1"), ""))
                .withMessageContaining("\"uid:-1\": uid: takes a number of 0 or more");
    }

    private static StopPolicy policy(String... allowedFrom) {
        return new StopPolicy(new DaemonProperties.Stop(List.of(allowedFrom), ""));
    }

    private static Peer process(int uid, int gid) {
        return Sender.process(uid, gid);
    }

    private static Peer tcp(String ip) throws Exception {
        return Sender.fromIp(ip);
    }
}

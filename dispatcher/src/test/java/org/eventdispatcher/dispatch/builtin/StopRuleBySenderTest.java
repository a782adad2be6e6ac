package org.eventdispatcher.dispatch.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.util.List;
import org.eventdispatcher.daemon.DaemonProperties;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who may stop the daemon ({@code eventdispatcher.daemon.stop.allowed-from}, PROTOCOL.md h.4):
 * a block matches on exactly its prefix's bits, whatever the length, IPv4 and IPv6 apart; a
 * daemon on the broker by its {@code server:service} only, never by an IP block; a bad entry
 * stops the start, naming itself.
 */
class StopRuleBySenderTest {

    private static final Message STOP = Message.of("STOP");

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0/0, 203.0.113.9, true",
        "10.0.0.0/7, 11.255.255.255, true",
        "10.0.0.0/7, 12.0.0.0, false",
        "10.0.0.0/7, 9.255.255.255, false",
        "192.168.1.0/24, 192.168.1.255, true",
        "192.168.1.0/24, 192.168.2.0, false",
        "192.168.1.0/25, 192.168.1.127, true",
        "192.168.1.0/25, 192.168.1.128, false",
        "192.168.1.2/31, 192.168.1.3, true",
        "192.168.1.2/31, 192.168.1.4, false",
        "192.168.1.2/31, 192.168.1.1, false",
        "192.168.1.2/32, 192.168.1.2, true",
        "192.168.1.2/32, 192.168.1.3, false",
        "192.168.1.2, 192.168.1.3, false",
        "192.168.1.2, 192.168.1.2, true",
        "10.1.2.3/9, 10.127.0.1, true",
        "10.1.2.3/9, 10.128.0.1, false",
        "::/0, 2001:db8::1, true",
        "::/0, 10.0.0.1, false",
        "0.0.0.0/0, ::2, false",
        "2001:db8::/127, 2001:db8::1, true",
        "2001:db8::/127, 2001:db8::2, false",
        "2001:db8::1, 2001:db8::1, true",
        "fe80::/10, febf::1, true",
        "fe80::/10, fec0::1, false",
    })
    void aBlockMatchesOnExactlyItsPrefix(String block, String sender, boolean obeyed) throws Exception {
        StopPolicy policy = policy(block);

        assertThat(policy.refusal(STOP, fromIp(sender)))
                .isEqualTo(
                        obeyed
                                ? null
                                : "not allowed from "
                                        + InetAddress.getByName(sender).getHostAddress());
    }

    @Test
    void entriesAreReadWithTheSpacesAroundThemDroppedAndAnyOneOfThemObeyed() throws Exception {
        StopPolicy policy = policy(" 10.0.0.1 ", "  192.168.0.0/16", "web:cache ");

        assertThat(policy.refusal(STOP, fromIp("10.0.0.1"))).isNull();
        assertThat(policy.refusal(STOP, fromIp("192.168.7.7"))).isNull();
        assertThat(policy.refusal(STOP, fromBroker("web", "cache"))).isNull();
        assertThat(policy.refusal(STOP, fromIp("10.0.0.2"))).isEqualTo("not allowed from 10.0.0.2");
    }

    @Test
    void aDaemonOnTheBrokerIsObeyedByItsAddressOnly() throws Exception {
        StopPolicy policy = policy("127.0.0.0/8", "::1", "admin:console");

        assertThat(policy.refusal(STOP, fromBroker("admin", "console"))).isNull();
        assertThat(policy.refusal(STOP, fromBroker("admin", "other")))
                .isEqualTo("not allowed from admin:other on the broker");
        assertThat(policy.refusal(STOP, fromBroker("web", "console")))
                .isEqualTo("not allowed from web:console on the broker");
    }

    @Test
    void byDefaultNobodyOnTheBrokerMayStopTheDaemon() {
        StopPolicy policy = policy("127.0.0.0/8", "::1");

        assertThat(policy.refusal(STOP, fromBroker("localhost", "admin")))
                .isEqualTo("not allowed from localhost:admin on the broker");
    }

    @Test
    void aSenderAllowedWithTheWrongSecretIsRefusedForTheSecret() throws Exception {
        StopPolicy policy = new StopPolicy(new DaemonProperties.Stop(List.of("admin:console"), "s3cret"));

        assertThat(policy.refusal(STOP, fromBroker("admin", "console"))).isEqualTo("secret_code is missing");
        assertThat(policy.refusal(
                        Message.builder("STOP")
                                .parameter("secret_code", "s3cre")
                                .build(),
                        fromBroker("admin", "console")))
                .isEqualTo("secret_code does not match");
        assertThat(policy.refusal(
                        Message.builder("STOP")
                                .parameter("secret_code", "s3cret")
                                .build(),
                        fromBroker("admin", "console")))
                .isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.0/33   | \"10.0.0.0/33\": the prefix length must be between 0 and 32",
                "10.0.0.0/-1   | \"10.0.0.0/-1\": the prefix length must be between 0 and 32",
                "10.0.0.0/     | \"10.0.0.0/\": the prefix length must be between 0 and 32",
                "10.0.0.0/x    | \"10.0.0.0/x\": the prefix length must be between 0 and 32",
                "::1/129       | \"::1/129\": the prefix length must be between 0 and 128",
                "host-1        | \"host-1\" is not an IP address or a CIDR block",
                "all:cache     | \"all:cache\": the server name \"all\" is reserved: it addresses every daemon of a service",
            })
    void aBadEntryStopsTheStartNamingItself(String entry, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DaemonProperties.Stop(List.of(entry), ""))
                .withMessage("eventdispatcher.daemon.stop.allowed-from: " + problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/0", "10.0.0.0/32", "::/128", "::/0"})
    void thePrefixLengthsAtTheEdgesAreAccepted(String entry) {
        assertThat(AddressRange.parse(entry)).hasToString(entry);
    }

    private static StopPolicy policy(String... allowedFrom) {
        return new StopPolicy(new DaemonProperties.Stop(List.of(allowedFrom), ""));
    }

    private static Peer fromIp(String ip) throws Exception {
        return Sender.fromIp(ip);
    }

    private static Peer fromBroker(String server, String service) {
        // a daemon on the broker has no IP address of its own; its connection's would be the broker's
        return Sender.onBroker(server, service);
    }
}

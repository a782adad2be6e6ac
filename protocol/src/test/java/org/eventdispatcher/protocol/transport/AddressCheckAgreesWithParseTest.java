package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code address} parameter type's quick check (a contract checks every message with it) says
 * yes exactly where {@link HostPort#parseAddress} reads an address: IPv4 with or without a port,
 * IPv6 bare or in brackets, ports of up to five digits and at most 65535, spaces around ignored.
 */
class AddressCheckAgreesWithParseTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1",
                " 10.0.0.1\t",
                "10.0.0.1:0",
                "10.0.0.1:65535",
                "10.0.0.1:65536",
                "10.0.0.1:00080",
                "10.0.0.1:000080",
                "10.0.0.1:",
                "10.0.0.1:8a",
                "10.0.0.1:/",
                "10.0.0.1::80",
                "::1",
                "fe80::1",
                "::",
                "[::1]:80",
                "[::1]",
                "[::1]x",
                "1:2",
                "host:80",
                "256.0.0.1",
                "",
                " ",
                ":80",
            })
    void theQuickCheckSaysWhatTheParserReads(String text) {
        assertThat(HostPort.isAddress(text)).isEqualTo(parses(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:65535", "10.0.0.1:00080", "::1", "[::1]:80", " 10.0.0.1 "})
    void addressesAreAccepted(String text) {
        assertThat(HostPort.isAddress(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.1:65536", "10.0.0.1:000080", "10.0.0.1:", "host:80", ""})
    void whatIsNoAddressIsRefused(String text) {
        assertThat(HostPort.isAddress(text)).isFalse();
    }

    private static boolean parses(String text) {
        try {
            HostPort.parseAddress(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

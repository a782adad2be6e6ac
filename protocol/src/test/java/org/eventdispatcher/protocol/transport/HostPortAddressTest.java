package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An {@code address} parameter: an IP address with an optional port, never a name to look up. */
class HostPortAddressTest {

    @ParameterizedTest(name = "\"{0}\" is {1} port {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "10.0.0.1|10.0.0.1|0",
                "10.0.0.1:4040|10.0.0.1|4040",
                "' 192.168.1.255:65535 '|192.168.1.255|65535",
                "::1|::1|0",
                "fe80::1:2|fe80::1:2|0",
                "::ffff:10.0.0.1|::ffff:10.0.0.1|0",
                "[::1]|::1|0",
                "[::1]:4040|::1|4040",
                "[2001:db8::7]:0|2001:db8::7|0",
            })
    void readsIpAddressesWithOrWithoutAPort(String text, String host, int port) {
        assertThat(HostPort.parseAddress(text)).isEqualTo(new HostPort(host, port));
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "localhost|not an IP address",
                "example.com:80|not an IP address",
                "256.1.1.1|not an IP address",
                "1.2.3|not an IP address",
                "1.2.3.4.5|not an IP address",
                "[example.com]:80|not an IP address",
                "10.0.0.1:http|the port \"http\" is not a number",
                "10.0.0.1:65536|port 65536 is not between 0 and 65535",
                "[::1]:-1|the port \"-1\" is not a number",
                "[::1|'[' without ']'",
                "[::1]4040|expected ':port' after ']'",
                "1:2:3:4:5:6:7:8:9|not an IP address",
                "010.0.0.1|not an IP address",
                "10.0.0.1:|the port is missing after ':'",
                "10..0.1|not an IP address",
            })
    void refusesHostNamesAndMalformedAddresses(String text, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HostPort.parseAddress(text))
                .withMessage(problem);
    }

    /** The check every message's address parameter goes through says what the parser says. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "10.0.0.1",
                "10.0.0.1:4040",
                " 192.168.1.255:65535 ",
                "0.0.0.0:0",
                "::1",
                "[::1]:4040",
                "fe80::1:2",
                "[2001:db8::7]:0",
                "localhost",
                "256.1.1.1",
                "1.2.3",
                "1.2.3.4.5",
                "010.0.0.1",
                "10.0.0.1:",
                "10.0.0.1:65536",
                "10.0.0.1:123456",
                "10.0.0.1:http",
                "10.0.0.1:+80",
                "1.2.3.4 5",
                "",
                " ",
                "[::1",
                ".1.2.3",
                "1.2.3.",
                "1.2.3.4:80:90",
                "1::2",
                "1:2::3:4",
                "10.0.0.1 :80",
                "10.0.0.1:80 ",
                "\u0661.1.1.1"
            })
    void theFastCheckAgreesWithTheParser(String text) {
        boolean parses;
        try {
            HostPort.parseAddress(text);
            parses = true;
        } catch (IllegalArgumentException e) {
            parses = false;
        }
        assertThat(HostPort.isAddress(text)).isEqualTo(parses);
    }
}

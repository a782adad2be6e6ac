package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.eventdispatcher.protocol.message.MessageNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerNamesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "vm                  | vm",
                "web-1.example.com   | web_1_example_com",
                "1host               | _1host",
                "host_name           | host_name",
                "hôte                | h_te",
                "''                  | localhost",
            })
    void mapsWhatANameMayNotHoldToUnderscore(String hostName, String sanitized) {
        assertThat(ServerNames.sanitize(hostName)).isEqualTo(sanitized);
        assertThat(MessageNames.isValidSentFrom(sanitized)).isTrue();
    }

    @Test
    void thisMachinesNameIsAValidSender() {
        assertThat(MessageNames.isValidSentFrom(ServerNames.local())).isTrue();
        assertThat(ServerNames.local()).isNotEmpty();
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An error's column, as a reply and the log show it, counts from 1; an error of no one place has none. */
class ErrorColumnsCountFromOneTest {

    @Test
    void anErrorAtTheFirstCharacterIsAtColumnOne() {
        MessageParseException error = Lines.error(MessageCodec.standard(), ":X");

        assertThat(error.position()).isZero();
        assertThat(error.getMessage()).endsWith(" (at column 1)");
    }

    @Test
    void anErrorOfNoOnePlaceNamesNoColumn() {
        MessageParseException error = Lines.error(MessageCodec.standard(), "{\"server\":\"x\"}");

        assertThat(error.position()).isNegative();
        assertThat(error.getMessage()).isEqualTo("MISSING_COMMAND: the JSON message has no \"command\"");
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A name refused by the builder is shown quoted in the error, and a missing one as null (a.2). */
class InvalidNamesAreQuotedTest {

    @Test
    void aRefusedNameIsQuotedInTheError() {
        assertThatThrownBy(() -> Message.of("bad-cmd"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("invalid command \"bad-cmd\": ");
        assertThatThrownBy(() -> Message.builder("X").parameter("a-b", "1"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("invalid parameter name \"a-b\": ");
    }

    @Test
    void aMissingNameIsShownAsNull() {
        assertThatThrownBy(() -> MessageNames.requireCommand(null))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageStartingWith("invalid command null: ");
    }

    @Test
    void aCodecTellsItsCompatibility() {
        assertThat(MessageCodec.standard().compatibility()).isEqualTo(Compatibility.STANDARD);
        assertThat(MessageCodec.upstream().compatibility()).isEqualTo(Compatibility.UPSTREAM);
    }
}

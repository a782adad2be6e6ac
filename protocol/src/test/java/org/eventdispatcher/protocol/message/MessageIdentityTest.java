package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A message equals itself, only ABSOLUTELY, UNKNOWN and INVALID are never answered, and integers read are ASCII digits at their edges. */
class MessageIdentityTest {

    @Test
    void aMessageEqualsItself() {
        Message message = Message.builder("X").parameter("a", "1").build();

        assertThat(message.equals(message)).isTrue();
        assertThat(message.equals(Message.of("X"))).isFalse();
    }

    @Test
    void onlyTheRepliesThatEndAnExchangeAreNeverAnswered() {
        assertThat(Message.of("ABSOLUTELY").isNeverAnswered()).isTrue();
        assertThat(Message.of("UNKNOWN").isNeverAnswered()).isTrue();
        assertThat(Message.of("INVALID").isNeverAnswered()).isTrue();
        assertThat(Message.of("HELP").isNeverAnswered()).isFalse();
        assertThat(Message.of("ALIVE").isNeverAnswered()).isFalse();
    }

    @Test
    void theDigitsAtTheEdgesOfAsciiAreReadAndTheCharactersBesideThemAreNot() {
        Message message = Message.builder("X")
                .parameter("zero", "0")
                .parameter("nine", "9")
                .parameter("slash", "1/")
                .parameter("colon", "1:")
                .build();

        assertThat(message.intParameter("zero")).isZero();
        assertThat(message.longParameter("nine")).isEqualTo(9);
        assertThatThrownBy(() -> message.intParameter("slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> message.longParameter("colon")).isInstanceOf(IllegalArgumentException.class);
    }
}

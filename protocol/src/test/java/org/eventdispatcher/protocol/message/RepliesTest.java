package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RepliesTest {

    private final MessageCodec codec = MessageCodec.standard();

    @Test
    void theRefusalsReadAsTheProtocolWritesThem() {
        assertThat(codec.write(Replies.unknown("NOPE"))).isEqualTo("UNKNOWN command=NOPE");
        assertThat(codec.write(Replies.invalid("QUIT", "not allowed from 10.0.0.1")))
                .isEqualTo("INVALID command=QUIT;message=not allowed from 10.0.0.1");
        assertThat(codec.write(Replies.invalidLine("MISSING_EQUAL: no '=' after the parameter name")))
                .startsWith("INVALID message=")
                .contains("MISSING_EQUAL");
        assertThat(Replies.unknown("X").isNeverAnswered()).isTrue();
        assertThat(Replies.invalid("X", "y").isNeverAnswered()).isTrue();
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A codec given another cap on parameters ({@code max-parameters}) still reads and writes as its
 * compatibility does (a.5): a raw NUL is an error of its own in the standard form and ends the line
 * upstream, and only the standard form quotes a last value that ends with a blank.
 */
class CapOfParametersKeepsTheCompatibilityTest {

    @ParameterizedTest
    @EnumSource(Compatibility.class)
    void aCodecWithAnotherCapReadsAndWritesAsItsCompatibility(Compatibility compatibility)
            throws MessageParseException {
        MessageCodec capped = MessageCodec.of(compatibility).withMaxParameters(5);
        Message trailingBlank = Message.builder("X").parameter("a", "v ").build();

        assertThat(capped.compatibility()).isEqualTo(compatibility);
        assertThat(capped.write(trailingBlank))
                .isEqualTo(MessageCodec.of(compatibility).write(trailingBlank));
        assertThat(capped.write(trailingBlank))
                .isEqualTo(compatibility == Compatibility.UPSTREAM ? "X a=v " : "X a=\"v \"");
        if (compatibility == Compatibility.UPSTREAM) {
            assertThat(Lines.parse(capped, "HELP\0x").command()).isEqualTo("HELP");
        } else {
            assertThat(Lines.error(capped, "HELP\0x").category()).isEqualTo(ParseError.INVALID_CHARACTER);
        }
    }
}

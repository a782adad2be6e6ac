package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line writer's own UTF-8 encoding agrees with the JDK's, byte for byte, at every boundary of
 * the encoding: the last one-, two- and three-byte characters and the first of the next length,
 * surrogate pairs, and lone surrogates (which it writes as U+FFFD, where the JDK would write
 * {@code ?}); and it measures a text
 * before writing it exactly as long as it comes out.
 */
class Utf8BoundariesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "plain",
                "\u007f\u0080",
                "a\u07ffb\u0800c",
                "\uffff\ud7ff\ue000",
                "x\ud83d\ude00y",
                "\ud83d\ude00\ud83d\ude00",
                "\udbff\udfff",
                "\ud800\udc00",
                "lone high at the end \ud83d",
                "lone low \ude00 in the middle",
                "high then a letter \ud83dz",
                "high then high \ud83d\ud83d\ude00",
                "é\u0080\u00ff\u0100",
            })
    void writesWhatTheJdkWritesAndMeasuresItFirst(String text) {
        byte[] expected = loneSurrogatesReplaced(text).getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.extraBytes(text)).isEqualTo(expected.length - text.length());

        byte[] out = new byte[expected.length + 2];
        int end = Utf8.put(text, out, 1);

        assertThat(end).isEqualTo(1 + expected.length);
        assertThat(Arrays.copyOfRange(out, 1, end)).isEqualTo(expected);
        assertThat(out[0]).isZero();
        assertThat(out[out.length - 1]).isZero();
    }

    private static String loneSurrogatesReplaced(String text) {
        StringBuilder replaced = new StringBuilder();
        text.codePoints()
                .forEach(c -> replaced.appendCodePoint(Character.isSurrogate((char) c) && c <= 0xffff ? 0xfffd : c));
        return replaced.toString();
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventdispatcher.protocol.message.Lines.command;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The text form written as PROTOCOL.md a.5 says, to a String and to the bytes of a line. */
class TextWriteTest {

    private static final MessageCodec STANDARD = MessageCodec.standard();
    private static final MessageCodec UPSTREAM = MessageCodec.upstream();

    /** Messages both compatibilities write the same way. */
    static Stream<Arguments> messages() {
        return Stream.of(
                arguments(Message.of("DAD"), "DAD"),
                arguments(Message.builder("CMD").sentFrom("srv", "svc").build(), "<srv:svc CMD"),
                arguments(Message.builder("CMD").sentFrom("", "svc").build(), "<:svc CMD"),
                arguments(Message.builder("CMD").sentFrom("srv", "").build(), "<srv: CMD"),
                arguments(Message.builder("CMD").service("svc").build(), "svc/CMD"),
                arguments(Message.builder("CMD").server("host").service("svc").build(), "host:svc/CMD"),
                arguments(Message.builder("CMD").server("host").build(), "CMD"), // never a server without a service
                arguments(Message.builder("CMD").server("*").service(".").build(), "*:./CMD"),
                arguments(
                        Message.builder("CMD")
                                .sentFrom("srv", "svc")
                                .server("host")
                                .service("svc")
                                .parameter("a", "1")
                                .build(),
                        "<srv:svc host:svc/CMD a=1"),
                arguments(
                        Message.builder("CMD")
                                .parameter("b", "2")
                                .parameter("a", "1")
                                .build(),
                        "CMD a=1;b=2"),
                // the examples of a.5
                arguments(x("x;y"), "X a=\"x;y\""),
                arguments(x("say \"hi\""), "X a=say \"hi\""),
                arguments(x("\"start"), "X a=\"\\\"start\""),
                arguments(x("l1\nl2"), "X a=l1\\nl2"),
                // escapes in one pass; quotes escaped only inside quotes
                arguments(x("a\rb"), "X a=a\\rb"),
                arguments(x("a\\b"), "X a=a\\\\b"),
                arguments(x("\\n"), "X a=\\\\n"),
                arguments(x("a;\"b"), "X a=\"a;\\\"b\""),
                arguments(x("\"x\\y"), "X a=\"\\\"x\\\\y\""),
                arguments(x(""), "X a="),
                arguments(x("p q\tr=s é中😀"), "X a=p q\tr=s é中😀"), // tabs, spaces, '=', UTF-8 as they are
                arguments(x("x\u0001"), "X a=x\u0001"), // not a blank: no quotes needed
                arguments(
                        Message.builder("X")
                                .parameter("a", "x ")
                                .parameter("b", "1")
                                .build(),
                        "X a=x ;b=1"));
    }

    private static Message x(String value) {
        return Message.builder("X").parameter("a", value).build();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("messages")
    void writesMessagesInBothCompatibilities(Message message, String line) {
        assertThat(STANDARD.write(message)).isEqualTo(line);
        assertThat(UPSTREAM.write(message)).isEqualTo(line);
        byte[] expectedLine = (line + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(STANDARD.writeLine(message)).isEqualTo(expectedLine);
        assertThat(UPSTREAM.writeLine(message)).isEqualTo(expectedLine);
        StringBuilder out = new StringBuilder("> ");
        STANDARD.write(message, out);
        assertThat(out).hasToString("> " + line);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("messages")
    void whatIsWrittenReadsBack(Message message, String line) throws MessageParseException {
        Message expected =
                message.service().isEmpty() ? message.toBuilder().server("").build() : message;
        assertThat(Lines.parse(STANDARD, line)).isEqualTo(expected);
        assertThat(Lines.parse(UPSTREAM, line)).isEqualTo(expected);
    }

    @Test
    void lossyCaseOneAQuotedValueEndingWithABackslash() throws MessageParseException {
        Message message = x("x;\\");
        String line = "X a=\"x;\\\\\"";
        assertThat(UPSTREAM.write(message)).isEqualTo(line);
        assertThat(STANDARD.write(message)).isEqualTo(line);
        // upstream reads \" in "…\\" as an escaped quote [QUIRK]; the fix reads \\ first
        assertThat(Lines.error(UPSTREAM, line).category()).isEqualTo(ParseError.UNTERMINATED_QUOTE);
        assertThat(Lines.parse(STANDARD, line)).isEqualTo(message);
    }

    @Test
    void lossyCaseTwoTrailingBlanksOfTheLastValue() throws MessageParseException {
        Message message =
                Message.builder("X").parameter("a", "1 ").parameter("b", "x \t").build();
        // upstream writes them bare and loses them with the line's blanks [QUIRK]
        assertThat(UPSTREAM.write(message)).isEqualTo("X a=1 ;b=x \t");
        assertThat(Lines.parse(UPSTREAM, UPSTREAM.write(message)))
                .isEqualTo(message.toBuilder().parameter("b", "x").build());
        // the fix quotes the last value when it ends with an ASCII blank
        assertThat(STANDARD.write(message)).isEqualTo("X a=1 ;b=\"x \t\"");
        assertThat(Lines.parse(STANDARD, STANDARD.write(message))).isEqualTo(message);
    }

    @ParameterizedTest
    @EnumSource(Compatibility.class)
    void aLastValueEndingWithCrOrLfIsWrittenBareAsUpstreamDoes(Compatibility compatibility)
            throws MessageParseException {
        MessageCodec codec = MessageCodec.of(compatibility);
        // written escaped, the line ends with the letter r or n, not with a blank: nothing to protect
        assertThat(codec.write(x("cr\r"))).isEqualTo("X a=cr\\r");
        assertThat(codec.write(x("lf\n"))).isEqualTo("X a=lf\\n");
        assertThat(Lines.parse(codec, codec.write(x("cr\r")))).isEqualTo(x("cr\r"));
    }

    @ParameterizedTest
    @EnumSource(Compatibility.class)
    void everyAsciiBlankEndingTheLastValueIsKeptByTheFixOnly(Compatibility compatibility) throws MessageParseException {
        MessageCodec codec = MessageCodec.of(compatibility);
        for (String blank : new String[] {" ", "\t", "\u000B", "\f", "\n", "\r"}) {
            Message message = x("v" + blank);
            boolean kept = Lines.parse(codec, codec.write(message)).equals(message);
            // LF and CR are escaped, so they never reach the end of the line
            boolean escaped = blank.equals("\n") || blank.equals("\r");
            assertThat(kept)
                    .as("value ending with %s", RandomCases.visible(blank))
                    .isEqualTo(escaped || compatibility == Compatibility.STANDARD);
        }
    }

    @Test
    void aMessageWithoutACommandIsNeverWritten() {
        Message empty = command("");
        assertThatThrownBy(() -> STANDARD.write(empty))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("without a command");
        assertThatThrownBy(() -> STANDARD.writeLine(empty)).isInstanceOf(InvalidMessageException.class);
        assertThatThrownBy(() -> STANDARD.write(empty, new StringBuilder()))
                .isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void namesReadFromTheWireAreWrittenAsTheyAre() throws MessageParseException {
        String line = "<my-host:svc.1 jungle-1:x.y/cmd-x a=1";
        assertThat(STANDARD.write(Lines.parse(STANDARD, line))).isEqualTo(line);
    }

    @Test
    void theLineIsUtf8WithEveryCharacterWidth() {
        Message message = Message.builder("X").parameter("a", "aé中😀\\\nz").build();
        String expected = "X a=aé中😀\\\\\\nz\n";
        assertThat(STANDARD.writeLine(message)).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
        assertThat(STANDARD.writeLine(message)).hasSize(expected.getBytes(StandardCharsets.UTF_8).length);
        // a lone surrogate cannot be UTF-8: it becomes U+FFFD
        assertThat(STANDARD.writeLine(x("\uD800x"))).isEqualTo("X a=\uFFFDx\n".getBytes(StandardCharsets.UTF_8));
        assertThat(STANDARD.writeLine(x("x\uDC00"))).isEqualTo("X a=x\uFFFD\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void toStringIsTheStandardTextForm() {
        Message message = Message.builder("X").parameter("a", "x ").build();
        assertThat(message.toString()).isEqualTo("X a=\"x \"");
    }
}

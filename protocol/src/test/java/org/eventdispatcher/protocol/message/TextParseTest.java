package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdispatcher.protocol.message.Lines.command;
import static org.eventdispatcher.protocol.message.Lines.message;
import static org.eventdispatcher.protocol.message.ParseError.BAD_DESTINATION;
import static org.eventdispatcher.protocol.message.ParseError.BAD_SENT_FROM;
import static org.eventdispatcher.protocol.message.ParseError.EMPTY;
import static org.eventdispatcher.protocol.message.ParseError.EMPTY_PARAM_NAME;
import static org.eventdispatcher.protocol.message.ParseError.INVALID_CHARACTER;
import static org.eventdispatcher.protocol.message.ParseError.INVALID_JSON;
import static org.eventdispatcher.protocol.message.ParseError.INVALID_PARAM_NAME;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_COMMAND;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_EQUAL;
import static org.eventdispatcher.protocol.message.ParseError.MISSING_SEMICOLON;
import static org.eventdispatcher.protocol.message.ParseError.UNTERMINATED_QUOTE;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The text form read as PROTOCOL.md a.3 and a.4 say, in both compatibilities. Every line is also
 * parsed from UTF-8 bytes ({@link Lines}), which must agree.
 */
class TextParseTest {

    /** Lines both compatibilities read the same way. */
    static Stream<Arguments> lines() {
        return Stream.of(
                arguments("HELP", command("HELP")),
                // a.4 step 1: ASCII blanks only, C's isspace set (also \v and \f)
                arguments("  HELP \t\r\n", command("HELP")),
                arguments("\u000B\fHELP\u000B\f", command("HELP")),
                arguments("\u00A0HELP", command("\u00A0HELP")), // not strip(): NBSP stays
                arguments("\u0001HELP", command("\u0001HELP")), // not trim(): U+0001 stays
                arguments("CMD a=x\u0001", command("CMD", "a", "x\u0001")), // a value ending in U+0001 keeps it
                // a.2: the parser checks no character of command, server or service
                arguments("hello", command("hello")),
                arguments("CMD-X", command("CMD-X")),
                arguments("é中😀", command("é中😀")),
                // destination; note 1: a server without a service
                arguments("jungle:STATUS", message("", "", "jungle", "", "STATUS")),
                arguments("svc/CMD", message("", "", "", "svc", "CMD")),
                arguments("host:svc/CMD", message("", "", "host", "svc", "CMD")),
                arguments("*:?/CMD", message("", "", "*", "?", "CMD")),
                arguments(".:./CMD", message("", "", ".", ".", "CMD")),
                // sent-from: both names may be empty, the service may hold ':'
                arguments("<srv:svc CMD", message("srv", "svc", "", "", "CMD")),
                arguments("<srv:svc host:svc/CMD a=1", message("srv", "svc", "host", "svc", "CMD", "a", "1")),
                arguments("<:svc CMD", message("", "svc", "", "", "CMD")),
                arguments("<srv: CMD", message("srv", "", "", "", "CMD")),
                arguments("<: CMD", message("", "", "", "", "CMD")),
                arguments("<a:b:c CMD", message("a", "b:c", "", "", "CMD")),
                arguments("<a:b <CMD", message("a", "b", "", "", "<CMD")),
                arguments("<a:b {X", message("a", "b", "", "", "{X")), // '{' opens JSON only at the start
                arguments("<a:b\tc CMD", message("a", "b\tc", "", "", "CMD")),
                // parameters; note 2: a trailing ';' is allowed; note 5: the last duplicate wins
                arguments("CMD a=1;b=2", command("CMD", "a", "1", "b", "2")),
                arguments("CMD a=1;", command("CMD", "a", "1")),
                arguments("CMD a=1;b=2;", command("CMD", "a", "1", "b", "2")),
                arguments("CMD a=1;a=2", command("CMD", "a", "2")),
                arguments("CMD _a=1;A=2;b_1=3", command("CMD", "A", "2", "_a", "1", "b_1", "3")),
                arguments("CMD a=", command("CMD", "a", "")),
                arguments("CMD a=;b=", command("CMD", "a", "", "b", "")),
                arguments("CMD a=\"\"", command("CMD", "a", "")),
                arguments("HELP ", command("HELP")), // trimmed away
                arguments("CMD\t a=1", command("CMD\t", "a", "1")), // only ' ' ends the command
                // unquoted values: spaces, '=', '"' not first, '{', UTF-8
                arguments("CMD a=x y=z \"q\" {}", command("CMD", "a", "x y=z \"q\" {}")),
                arguments("CMD a=é中😀", command("CMD", "a", "é中😀")),
                arguments("CMD a=\t x", command("CMD", "a", "\t x")),
                // quoted values
                arguments("CMD a=\"x;y\"", command("CMD", "a", "x;y")),
                arguments("CMD a=\"x;y\";b=2", command("CMD", "a", "x;y", "b", "2")),
                arguments("CMD a=\"say \\\"hi\\\"\"", command("CMD", "a", "say \"hi\"")),
                arguments("CMD a=\"\\\"start\"", command("CMD", "a", "\"start")),
                arguments("CMD a=\" x \"", command("CMD", "a", " x ")),
                arguments("CMD a=\"l1\\nl2;\\r\"", command("CMD", "a", "l1\nl2;\r")),
                arguments("CMD a=\"\\\\n\"", command("CMD", "a", "\\n")),
                // the value pass: \\ \n \r decoded, anything else copied
                arguments("CMD a=l1\\nl2", command("CMD", "a", "l1\nl2")),
                arguments("CMD a=\\r", command("CMD", "a", "\r")),
                arguments("CMD a=x\\\\y", command("CMD", "a", "x\\y")),
                arguments("CMD a=\\t\\x41", command("CMD", "a", "\\t\\x41")),
                arguments("CMD a=x\\", command("CMD", "a", "x\\")),
                arguments("CMD a=\\\\n", command("CMD", "a", "\\n")),
                arguments("CMD a=\\\"x", command("CMD", "a", "\\\"x")), // \" is only read inside quotes
                // a.4 step 3: JSON after trimming
                arguments("  {\"command\":\"X\"}\t", command("X")),
                arguments("{\"command\":\"X\",\"parameters\":{\"a\":\"1\"}}", command("X", "a", "1")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("lines")
    void readsLinesInBothCompatibilities(String line, Message expected) throws MessageParseException {
        assertThat(Lines.parse(MessageCodec.standard(), line)).isEqualTo(expected);
        assertThat(Lines.parse(MessageCodec.upstream(), line)).isEqualTo(expected);
    }

    /** Lines both compatibilities reject, by category of the a.4 table. */
    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("", EMPTY),
                arguments("   ", EMPTY),
                arguments(" \t\r\n\u000B\f ", EMPTY),
                arguments("<srv svc CMD", BAD_SENT_FROM), // a space inside the server name
                arguments("< srv:svc CMD", BAD_SENT_FROM),
                arguments("<srv", BAD_SENT_FROM), // no ':'
                arguments("<", BAD_SENT_FROM),
                arguments("<srv:svc", BAD_SENT_FROM), // nothing after it
                arguments("<srv:svc   ", BAD_SENT_FROM), // the blanks are trimmed first
                arguments(":CMD", BAD_DESTINATION), // empty server
                arguments("/CMD", BAD_DESTINATION), // empty service
                arguments("srv:/CMD", BAD_DESTINATION), // empty service after the server
                arguments("a:b:CMD", BAD_DESTINATION), // duplicate ':'
                arguments("a/b/CMD", BAD_DESTINATION), // duplicate '/'
                arguments("svc/a:CMD", BAD_DESTINATION), // ':' after the service
                arguments("<a:b :CMD", BAD_DESTINATION),
                arguments("svc/", MISSING_COMMAND),
                arguments("srv:svc/", MISSING_COMMAND),
                arguments("jungle:", MISSING_COMMAND),
                arguments("<srv:svc  CMD", MISSING_COMMAND), // note 3: a second space
                arguments("CMD =1", EMPTY_PARAM_NAME),
                arguments("CMD a=1;=2", EMPTY_PARAM_NAME),
                arguments("CMD a b=1", INVALID_PARAM_NAME),
                arguments("CMD a=1; b=2", INVALID_PARAM_NAME), // the name is " b"
                arguments("CMD  a=1", INVALID_PARAM_NAME),
                arguments("CMD 1a=2", INVALID_PARAM_NAME),
                arguments("CMD a-b=1", INVALID_PARAM_NAME),
                arguments("CMD é=1", INVALID_PARAM_NAME),
                arguments("CMD a;b=1", INVALID_PARAM_NAME),
                arguments("CMD a b", INVALID_PARAM_NAME), // invalid before missing '='
                arguments("CMD abc", MISSING_EQUAL),
                arguments("CMD a=1;b", MISSING_EQUAL),
                arguments("CMD _", MISSING_EQUAL),
                arguments("CMD a=\"x", UNTERMINATED_QUOTE),
                arguments("CMD a=\"", UNTERMINATED_QUOTE),
                arguments("CMD a=\"x\\\"", UNTERMINATED_QUOTE), // the quote is escaped
                arguments("CMD a=\"x\"y", MISSING_SEMICOLON), // note 4
                arguments("CMD a=\"x\" b=1", MISSING_SEMICOLON),
                arguments("CMD a=\"x\"\"", MISSING_SEMICOLON),
                arguments("{", INVALID_JSON),
                arguments("{}", INVALID_JSON),
                arguments("{\"command\":1}", INVALID_JSON));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("errors")
    void rejectsLinesInBothCompatibilities(String line, ParseError category) {
        assertThat(Lines.error(MessageCodec.standard(), line).category()).isEqualTo(category);
        assertThat(Lines.error(MessageCodec.upstream(), line).category()).isEqualTo(category);
    }

    /** a.4 step 2: this project rejects a NUL anywhere; upstream ends the text form at it. */
    static Stream<Arguments> nulLines() {
        return Stream.of(
                arguments("HELP\0junk", command("HELP")),
                arguments("HELP\0", command("HELP")),
                arguments("HELP a=1 \0", command("HELP", "a", "1 ")), // trimmed before the NUL ends the line
                arguments("HELP a=\"x\0\"", null), // UNTERMINATED_QUOTE upstream
                arguments("\0HELP", null), // MISSING_COMMAND upstream
                arguments("  \0  ", null),
                arguments("<a:b\0 X", null), // BAD_SENT_FROM upstream
                arguments("{\"command\":\"X\"}\0", null), // INVALID_JSON upstream
                arguments("{\"command\":\"X\0\"}", null));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("nulLines")
    void standardRejectsANulAnywhere(String line, Message upstreamReading) {
        MessageParseException error = Lines.error(MessageCodec.standard(), line);
        assertThat(error.category()).isEqualTo(INVALID_CHARACTER);
        assertThat(line.charAt(
                        error.position() + (line.length() - line.stripLeading().length())))
                .isEqualTo('\0');
    }

    @Test
    void upstreamEndsTheTextFormAtTheFirstNul() throws MessageParseException {
        for (Arguments row : nulLines().toList()) {
            String line = (String) row.get()[0];
            Message expected = (Message) row.get()[1];
            if (expected != null) {
                assertThat(Lines.parse(MessageCodec.upstream(), line)).as(line).isEqualTo(expected);
            }
        }
        assertThat(Lines.error(MessageCodec.upstream(), "\0HELP").category()).isEqualTo(MISSING_COMMAND);
        assertThat(Lines.error(MessageCodec.upstream(), "  \0  ").category()).isEqualTo(MISSING_COMMAND);
        assertThat(Lines.error(MessageCodec.upstream(), "HELP a=\"x\0\"").category())
                .isEqualTo(UNTERMINATED_QUOTE);
        assertThat(Lines.error(MessageCodec.upstream(), "<a:b\0 X").category()).isEqualTo(BAD_SENT_FROM);
        assertThat(Lines.error(MessageCodec.upstream(), "{\"command\":\"X\"}\0").category())
                .isEqualTo(INVALID_JSON);
        assertThat(Lines.error(MessageCodec.upstream(), "{\"command\":\"X\0\"}").category())
                .isEqualTo(INVALID_JSON);
    }

    @Test
    void aQuotedValueEndingWithABackslashReadsBackOnlyWithTheFix() throws MessageParseException {
        // a.5 fix (1): \\ is one unit before \" is looked at
        String line = "CMD a=\"x;\\\\\"";
        assertThat(Lines.parse(MessageCodec.standard(), line)).isEqualTo(command("CMD", "a", "x;\\"));
        assertThat(Lines.error(MessageCodec.upstream(), line).category()).isEqualTo(UNTERMINATED_QUOTE);
        // the same units further inside a value are read alike
        String inside = "CMD a=\"\\\\\\\"x\"";
        assertThat(Lines.parse(MessageCodec.standard(), inside)).isEqualTo(command("CMD", "a", "\\\"x"));
        assertThat(Lines.parse(MessageCodec.upstream(), inside)).isEqualTo(command("CMD", "a", "\\\"x"));
    }

    @ParameterizedTest
    @EnumSource(Compatibility.class)
    void errorsSayWhereAndWhatInTheTrimmedLine(Compatibility compatibility) {
        MessageCodec codec = MessageCodec.of(compatibility);
        MessageParseException error = Lines.error(codec, "  CMD a b=1");
        assertThat(error.position()).isEqualTo(4);
        assertThat(error.reason()).contains("\"a b\"");
        assertThat(error.getMessage()).startsWith("INVALID_PARAM_NAME: ").endsWith("(at column 5)");
        // columns count characters, also when the line came as bytes with multi-byte characters before
        assertThat(Lines.error(codec, "é:ü:X").position()).isEqualTo(3);
        assertThat(Lines.error(codec, "<é:😀 X a=\"é").position()).isEqualTo(10);
        assertThat(Lines.error(codec, "").position()).isEqualTo(-1);
        assertThat(Lines.error(codec, "").getMessage()).isEqualTo("EMPTY: the line is empty");
        // a long bad name is cut short in the reason
        assertThat(Lines.error(codec, "CMD " + "x".repeat(1000) + "-=1").reason())
                .hasSizeLessThan(200);
    }

    @Test
    void readsASliceOfALargerBuffer() throws MessageParseException {
        byte[] buffer = "DAD\nTOP a=1\nMOM".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(MessageCodec.standard().parse(buffer, 4, 7)).isEqualTo(command("TOP", "a", "1"));
        assertThat(MessageCodec.standard().parse(buffer, 0, 3)).isEqualTo(command("DAD"));
        assertThat(MessageCodec.standard().parse("MOM".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(command("MOM"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> MessageCodec.standard().parse(buffer, 10, 10))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void malformedUtf8ReadsAsReplacementCharacters() throws MessageParseException {
        byte[] line = {'C', 'M', 'D', ' ', 'a', '=', (byte) 0xC3, ';', 'b', '=', (byte) 0xFF};
        assertThat(MessageCodec.standard().parse(line)).isEqualTo(command("CMD", "a", "\uFFFD", "b", "\uFFFD"));
        assertThat(MessageCodec.standard().parse(line))
                .isEqualTo(MessageCodec.standard().parse(new String(line, java.nio.charset.StandardCharsets.UTF_8)));
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eventdispatcher.protocol.message.Lines.command;
import static org.eventdispatcher.protocol.message.Lines.message;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON form read as PROTOCOL.md a.6 says; both compatibilities read it alike ("parse as [UP]"). */
class JsonReadTest {

    /** {@code '} stands for {@code "} to keep the tables readable. */
    private static String json(String text) {
        return text.replace('\'', '"');
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                arguments("{'command':'X'}", command("X")),
                arguments(
                        "{'sent-from-server':'a','sent-from-service':'b','server':'c','service':'d','command':'X',"
                                + "'parameters':{'p':'v'}}",
                        message("a", "b", "c", "d", "X", "p", "v")),
                // the order of the fields does not matter; a server without a service is kept as read
                arguments(
                        "{'parameters':{'p':'v'},'command':'X','server':'c'}", message("", "", "c", "", "X", "p", "v")),
                // whitespace between tokens: space, tab, LF, CR
                arguments("{ 'command' :\t'X' ,\n'parameters' :\r\n{ 'a' : 1 } }", command("X", "a", "1")),
                // string escapes
                arguments("{'command':'\\'\\\\\\/\\b\\f\\n\\r\\t'}", command("\"\\/\b\f\n\r\t")),
                arguments("{'command':'\\u0041\\u00e9\\u00E9\\u4e2d'}", command("Aéé中")),
                arguments("{'command':'\\uD83D\\uDE00'}", command("😀")),
                arguments("{'command':'\\u0000'}", command("\0")),
                // raw characters: U+0001..U+001F accepted, CR and CR LF read as one LF, LF stays
                arguments("{'command':'a\u0001\u001F\t\u000Bb'}", command("a\u0001\u001F\t\u000Bb")),
                arguments("{'command':'a\rb'}", command("a\nb")),
                arguments("{'command':'a\r\nb'}", command("a\nb")),
                arguments("{'command':'a\r\r\nb'}", command("a\n\nb")),
                arguments("{'command':'a\nb'}", command("a\nb")),
                arguments("{'command':'é中😀'}", command("é中😀")),
                // other fields holding a string are ignored, "parameters" included
                arguments("{'other':'x','command':'X'}", command("X")),
                arguments("{'parameters':'x','command':'X'}", command("X")),
                arguments("{'Command':'Y','command':'X'}", command("X")),
                // duplicates: the last wins; parameters objects merge
                arguments("{'command':'A','command':'B'}", command("B")),
                arguments("{'server':'a','service':'s','server':'b','command':'X'}", message("", "", "b", "s", "X")),
                arguments(
                        "{'command':'X','parameters':{'a':'1','b':'2'},'parameters':{'b':'3','c':'4'}}",
                        command("X", "a", "1", "b", "3", "c", "4")),
                arguments("{'command':'X','parameters':{'a':'1','a':'2'}}", command("X", "a", "2")),
                arguments("{'command':'X','parameters':{}}", command("X")),
                // parameter values: strings decoded a second time [QUIRK], numbers, true, false, null
                arguments("{'command':'X','parameters':{'a':'x\\\\ny'}}", command("X", "a", "x\ny")),
                arguments("{'command':'X','parameters':{'a':'x\\\\ry\\\\\\\\z'}}", command("X", "a", "x\ry\\z")),
                arguments("{'command':'X','parameters':{'a':'\\\\\\'q\\\\\\''}}", command("X", "a", "\"q\"")),
                arguments("{'command':'X','parameters':{'a':'\\\\t\\\\'}}", command("X", "a", "\\t\\")),
                arguments("{'command':'X\\\\n'}", command("X\\n")), // fields are decoded once only
                arguments(
                        "{'command':'X','parameters':{'t':true,'f':false,'n':null}}",
                        command("X", "f", "false", "n", "", "t", "true")),
                arguments("{'command':'X','parameters':{'a':-1.5e1,'b':0}}", command("X", "a", "-15", "b", "0")),
                // neither field values nor parameter names are checked against a.2
                arguments(
                        "{'command':'x y','parameters':{'a-b':'1','':'2','é':'3'}}",
                        command("x y", "", "2", "a-b", "1", "é", "3")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("messages")
    void readsTheJsonForm(String text, Message expected) throws MessageParseException {
        assertThat(Lines.parse(MessageCodec.standard(), json(text))).isEqualTo(expected);
        assertThat(Lines.parse(MessageCodec.upstream(), json(text))).isEqualTo(expected);
    }

    static Stream<Arguments> numbers() {
        return Stream.of(
                arguments("0", "0"),
                arguments("-0", "0"),
                arguments("1", "1"),
                arguments("-1", "-1"),
                arguments("42", "42"),
                arguments("1e3", "1000"),
                arguments("1E3", "1000"),
                arguments("1e+3", "1000"),
                arguments("1.5e1", "15"),
                arguments("2.0", "2"),
                arguments("25e-1", "2.500000"),
                arguments("3.5", "3.500000"),
                arguments("0.3e1", "3.000000"),
                arguments("-2.25", "-2.250000"),
                arguments("0.5", "0.500000"),
                arguments("0.1", "0.100000"),
                arguments("1e-2", "0.010000"),
                arguments("1e-7", "0.000000"),
                arguments("-1e-7", "-0.000000"),
                arguments("0.0000005", "0.000001"),
                arguments("123456789.25", "123456789.250000"),
                arguments("9007199254740993", "9007199254740992"), // double precision
                // digit by digit, ×10 + d rounds on the way: past int64, the exact integer the double holds
                arguments("-9223372036854775807", "-9223372036854777856"),
                arguments("1e20", "100000000000000000000"),
                arguments("0e999", "0"));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("numbers")
    void readsNumbersAsUpstreamComputesAndPrintsThem(String number, String value) throws MessageParseException {
        String line = "{\"command\":\"X\",\"parameters\":{\"n\":" + number + "}}";
        assertThat(Lines.parse(MessageCodec.standard(), line).stringParameter("n"))
                .isEqualTo(value);
    }

    @Test
    void computesDigitByDigitInDoublePrecision() {
        assertThat(JsonNumbers.value("0.3e1", 0, 5)).isEqualTo(3.0000000000000004);
        assertThat(JsonNumbers.value("0.3", 0, 3)).isEqualTo(0.30000000000000004);
        assertThat(JsonNumbers.value("-12.5", 0, 5)).isEqualTo(-12.5);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // malformed objects
                "{",
                "{}",
                "{ }",
                "{'command':'X',}",
                "{'command':'X'",
                "{'command':'X'} x",
                "{'command':'X'}}",
                "{'command' 'X'}",
                "{'command':'X' 'server':'y'}",
                "{command:'X'}",
                "{'command':'X';'server':'y'}",
                "{'command':'X','parameters':{'a':1,}}",
                "{'command':'X','parameters':{,}}",
                "{'command':'X','parameters':{'a'}}",
                "{'command':'X','parameters':{'a':1}",
                "{'command':'X','parameters':{'a':1 'b':2}}",
                "{'command':'X',,}",
                // whitespace is space, tab, LF and CR only
                "{\u000B'command':'X'}",
                "{'command':\f'X'}",
                "{'command':'X'\u00A0}",
                // strings
                "{'command':'X}",
                "{'command':'\\a'}",
                "{'command':'\\x41'}",
                "{'command':'\\v'}",
                "{'command':'\\u12'}",
                "{'command':'\\u12G4'}",
                "{'command':'\\u'}",
                "{'command':'X\\",
                "{'command':'\\uD83D'}",
                "{'command':'\\uD83Dx'}",
                "{'command':'\\uD83D\\u0041'}",
                "{'command':'\\uD83D\\uD83D'}",
                "{'command':'\\uD83D\uDE00'}",
                "{'command':'\\uDE00'}",
                "{'command':'\\uDE00\\uD83D'}",
                "{'command':'\\u\u0661\u0662\u0663\u0664'}", // Arabic-Indic digits are no hexadecimal digits
                // top-level value types
                "{'command':1}",
                "{'command':true}",
                "{'command':null}",
                "{'command':['X']}",
                "{'command':{'a':'1'}}",
                "{'other':{'a':'1'},'command':'X'}",
                "{'other':1,'command':'X'}",
                "{'other':[],'command':'X'}",
                "{'parameters':['a'],'command':'X'}",
                "{'parameters':1,'command':'X'}",
                "{'parameters':null,'command':'X'}",
                "{'parameters':true,'command':'X'}",
                // parameter value types
                "{'command':'X','parameters':{'a':[1]}}",
                "{'command':'X','parameters':{'a':{'b':1}}}",
                "{'command':'X','parameters':{'a':tru}}",
                "{'command':'X','parameters':{'a':True}}",
                "{'command':'X','parameters':{'a':nul}}",
                "{'command':'X','parameters':{'a':truex}}",
                "{'command':'X','parameters':{'a':undefined}}",
                "{'command':'X','parameters':{'a':'x'y}}",
                // numbers
                "{'command':'X','parameters':{'a':+1}}",
                "{'command':'X','parameters':{'a':.5}}",
                "{'command':'X','parameters':{'a':1.}}",
                "{'command':'X','parameters':{'a':01}}",
                "{'command':'X','parameters':{'a':-01}}",
                "{'command':'X','parameters':{'a':-}}",
                "{'command':'X','parameters':{'a':1e}}",
                "{'command':'X','parameters':{'a':1e+}}",
                "{'command':'X','parameters':{'a':1.e3}}",
                "{'command':'X','parameters':{'a':0x10}}",
                "{'command':'X','parameters':{'a':--1}}",
                "{'command':'X','parameters':{'a':NaN}}",
                "{'command':'X','parameters':{'a':Infinity}}",
                "{'command':'X','parameters':{'a':1_0}}",
                "{'command':'X','parameters':{'a':1e400}}",
                "{'command':'X','parameters':{'a':-1e999}}"
            })
    void rejectsWhatTheJsonFormDoesNotAllow(String text) {
        assertThat(Lines.error(MessageCodec.standard(), json(text)).category()).isEqualTo(ParseError.INVALID_JSON);
        assertThat(Lines.error(MessageCodec.upstream(), json(text)).category()).isEqualTo(ParseError.INVALID_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'server':'x'}", "{'command':''}", "{'parameters':{'a':'1'}}", "{'other':'X'}"})
    void aJsonMessageNeedsACommandInBothCompatibilities(String text) {
        assertThat(Lines.error(MessageCodec.standard(), json(text)).category()).isEqualTo(ParseError.MISSING_COMMAND);
        assertThat(Lines.error(MessageCodec.upstream(), json(text)).category()).isEqualTo(ParseError.MISSING_COMMAND);
    }

    @Test
    void aRawNulIsAnErrorOfItsKind() {
        String line = json("{'command':'X\0'}");
        assertThat(Lines.error(MessageCodec.standard(), line).category()).isEqualTo(ParseError.INVALID_CHARACTER);
        assertThat(Lines.error(MessageCodec.upstream(), line).category()).isEqualTo(ParseError.INVALID_JSON);
    }

    @Test
    void errorsSayWhatAndWhere() {
        MessageParseException error =
                Lines.error(MessageCodec.standard(), json("{'command':'X','parameters':{'a':01}}"));
        assertThat(error.position()).isEqualTo(34);
        assertThat(error.reason()).contains("',' or '}'");
        assertThat(Lines.error(MessageCodec.standard(), json("{'command':1}")).reason())
                .isEqualTo("field \"command\" must hold a string");
        assertThat(Lines.error(MessageCodec.standard(), json("{'x':{}}")).reason())
                .isEqualTo("field \"x\" holds an object; only \"parameters\" may");
        assertThat(Lines.error(MessageCodec.standard(), json("{'command':'X',}"))
                        .reason())
                .contains("trailing ','");
        assertThat(Lines.error(MessageCodec.standard(), json("{'command':'\\q'}"))
                        .position())
                .isEqualTo(12);
        assertThat(Lines.error(MessageCodec.standard(), json("{'command':'X','parameters':{'p':[1]}}"))
                        .reason())
                .contains("parameter \"p\" holds an array");
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eventdispatcher.protocol.message.Lines.command;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The JSON output of PROTOCOL.md a.6: correct JSON, fields in order, values bare or as strings. */
class JsonWriteTest {

    private static final MessageCodec CODEC = MessageCodec.standard();

    /** {@code '} stands for {@code "} to keep the tables readable. */
    private static String json(String text) {
        return text.replace('\'', '"');
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                arguments(Message.of("X"), "{'command':'X'}"),
                arguments(
                        Message.builder("X")
                                .sentFrom("a", "b")
                                .server("c")
                                .service("d")
                                .parameter("p", "v")
                                .build(),
                        "{'sent-from-server':'a','sent-from-service':'b','server':'c','service':'d','command':'X',"
                                + "'parameters':{'p':'v'}}"),
                // only non-empty fields, the server only with a service
                arguments(Message.builder("X").sentFrom("", "b").build(), "{'sent-from-service':'b','command':'X'}"),
                arguments(Message.builder("X").sentFrom("a", "").build(), "{'sent-from-server':'a','command':'X'}"),
                arguments(Message.builder("X").server("c").build(), "{'command':'X'}"),
                arguments(Message.builder("X").service("d").build(), "{'service':'d','command':'X'}"),
                // parameters in name order; true, false and decimal numbers bare, a leading + dropped
                arguments(
                        Message.builder("X")
                                .parameter("b", "true")
                                .parameter("a", "false")
                                .parameter("c", "True")
                                .build(),
                        "{'command':'X','parameters':{'a':false,'b':true,'c':'True'}}"),
                arguments(
                        Message.builder("X")
                                .parameter("a", "42")
                                .parameter("b", "-1.5e3")
                                .parameter("c", "+7")
                                .parameter("d", "0")
                                .parameter("e", "-0")
                                .parameter("f", "2.50")
                                .parameter("g", "1E+2")
                                .build(),
                        "{'command':'X','parameters':{'a':42,'b':-1.5e3,'c':7,'d':0,'e':-0,'f':2.50,'g':1E+2}}"),
                arguments(
                        Message.builder("X")
                                .parameter("a", "01")
                                .parameter("b", ".5")
                                .parameter("c", "1.")
                                .parameter("d", "+-1")
                                .parameter("e", "")
                                .parameter("f", "NaN")
                                .parameter("g", "0x1")
                                .parameter("h", "1 ")
                                .parameter("i", "+")
                                .build(),
                        "{'command':'X','parameters':{'a':'01','b':'.5','c':'1.','d':'+-1','e':'','f':'NaN',"
                                + "'g':'0x1','h':'1 ','i':'+'}}"),
                // strings escaped; backslashes of parameter values doubled for the second decoding
                arguments(
                        Message.builder("X")
                                .parameter("a", "q\"b\\s/\b\f\n\r\t\u0001\u001Fé😀\u007F")
                                .build(),
                        "{'command':'X','parameters':{'a':'q\\'b\\\\\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001fé😀\u007F'}}"),
                arguments(
                        command("a\"b\\c", "n\"\\", "\\"),
                        "{'command':'a\\'b\\\\c','parameters':{'n\\'\\\\':'\\\\\\\\'}}"),
                arguments(command("X", "", "1", "a-b", "2"), "{'command':'X','parameters':{'':1,'a-b':2}}"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("messages")
    void writesCorrectJson(Message message, String expected) {
        assertThat(CODEC.writeJson(message)).isEqualTo(json(expected));
        assertThat(MessageCodec.upstream().writeJson(message)).isEqualTo(json(expected));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("messages")
    void whatIsWrittenReadsBack(Message message, String ignored) throws MessageParseException {
        Message read = Lines.parse(CODEC, CODEC.writeJson(message));
        assertThat(read.command()).isEqualTo(message.command());
        assertThat(read.service()).isEqualTo(message.service());
        assertThat(read.sentFromServer()).isEqualTo(message.sentFromServer());
        assertThat(read.parameters().keySet()).isEqualTo(message.parameters().keySet());
        message.parameters().forEach((name, value) -> {
            if (!JsonNumbers.isNumber(value)) {
                assertThat(read.stringParameter(name)).isEqualTo(value);
            }
        });
    }

    @Test
    void numbersReadBackInTheirCanonicalForm() throws MessageParseException {
        Message message = Message.builder("X")
                .parameter("a", "+7")
                .parameter("b", "3.5")
                .parameter("c", "1e3")
                .parameter("d", "-0")
                .parameter("e", "42")
                .build();
        assertThat(Lines.parse(CODEC, CODEC.writeJson(message)).parameters())
                .containsExactly(
                        java.util.Map.entry("a", "7"),
                        java.util.Map.entry("b", "3.500000"),
                        java.util.Map.entry("c", "1000"),
                        java.util.Map.entry("d", "0"),
                        java.util.Map.entry("e", "42"));
    }

    @Test
    void aLoneSurrogateIsWrittenAsAnEscape() {
        assertThat(CODEC.writeJson(command("a\uD800b\uDC00"))).isEqualTo("{\"command\":\"a\\ud800b\\udc00\"}");
    }

    @Test
    void aMessageWithoutACommandIsNeverWritten() {
        assertThatThrownBy(() -> CODEC.writeJson(command(""))).isInstanceOf(InvalidMessageException.class);
    }
}

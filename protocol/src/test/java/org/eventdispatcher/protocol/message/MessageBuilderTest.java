package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PROTOCOL.md a.1 and a.2 on the building side: name rules, parameters, replies, typed accessors. */
class MessageBuilderTest {

    @ParameterizedTest
    @ValueSource(strings = {"HELP", "A", "_X", "LOG_ROTATE", "A1", "SERVICE_UNAVAILABLE", "_"})
    void acceptsCommandsOfUppercaseDigitsAndUnderscores(String command) {
        assertThat(Message.builder(command).build().command()).isEqualTo(command);
        assertThat(Message.of(command).command()).isEqualTo(command);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "help", "Help", "1ABC", "CMD-X", "A B", "A.B", "A:B", "A/B", "É", "ÄBC", " A", "A\n"})
    void rejectsOtherCommands(String command) {
        assertThatThrownBy(() -> Message.builder(command))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("invalid command");
        assertThatThrownBy(() -> Message.of(command)).isInstanceOf(InvalidMessageException.class);
    }

    @Test
    void rejectsANullCommand() {
        assertThatThrownBy(() -> Message.of(null)).isInstanceOf(InvalidMessageException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A", "_", "a1", "secret_code", "myAddress", "_9", "Z_z"})
    void acceptsParameterNamesOfLettersDigitsAndUnderscores(String name) {
        assertThat(Message.builder("X").parameter(name, "v").build().parameters())
                .containsEntry(name, "v");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1a", "9", "a-b", "a b", "é", "a.b", ":", "a=b", "a;b", "a\"", "ä"})
    void rejectsOtherParameterNames(String name) {
        assertThatThrownBy(() -> Message.builder("X").parameter(name, "v"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("invalid parameter name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "*", "?", "host", "my_host", "Host1", "_"})
    void acceptsServerAndServiceNamesAndTheSpecialValues(String name) {
        Message message = Message.builder("X").server(name).service(name).build();
        assertThat(message.server()).isEqualTo(name);
        assertThat(message.service()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1host", "my-host", "a.b", "..", "**", "?*", " ", "ö", "host:1"})
    void rejectsOtherServerAndServiceNames(String name) {
        assertThatThrownBy(() -> Message.builder("X").server(name))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("server");
        assertThatThrownBy(() -> Message.builder("X").service(name))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "ed_signal", "A9"})
    void acceptsSentFromNames(String name) {
        Message message = Message.builder("X").sentFrom(name, name).build();
        assertThat(message.sentFromServer()).isEqualTo(name);
        assertThat(message.sentFromService()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "*", "?", "1x", "my-host", "my.host", "a b"})
    void rejectsSpecialValuesAndOtherCharactersInSentFromNames(String name) {
        assertThatThrownBy(() -> Message.builder("X").sentFrom(name, "svc"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("sent-from server");
        assertThatThrownBy(() -> Message.builder("X").sentFrom("srv", name))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("sent-from service");
    }

    @Test
    void aParameterOfAnExistingNameReplacesTheValue() {
        Message message =
                Message.builder("X").parameter("a", "1").parameter("a", "2").build();
        assertThat(message.parameters()).containsExactly(Map.entry("a", "2"));
    }

    @Test
    void typedSettersAndBulkSetterAndRemoval() {
        Message message = Message.builder("X")
                .parameter("count", 42L)
                .parameter("flag", true)
                .parameters(Map.of("p", "1", "q", "2"))
                .removeParameter("q")
                .removeParameter("absent")
                .build();
        assertThat(message.parameters())
                .containsExactly(Map.entry("count", "42"), Map.entry("flag", "true"), Map.entry("p", "1"));
    }

    @Test
    void aBuiltMessageDoesNotChangeWithItsBuilder() {
        Message.Builder builder = Message.builder("X").parameter("a", "1");
        Message first = builder.build();
        builder.parameter("a", "2").parameter("b", "3").command("Y");
        assertThat(first.command()).isEqualTo("X");
        assertThat(first.parameters()).containsExactly(Map.entry("a", "1"));
    }

    @Test
    void aReplyGoesBackToTheSenderOfTheRequest() {
        Message request = Message.builder("ALIVE")
                .sentFrom("host1", "ed_signal")
                .server("srv")
                .service("svc")
                .parameter("serial", "7")
                .build();

        Message reply = Message.reply(request, "ABSOLUTELY");
        assertThat(reply.server()).isEqualTo("host1");
        assertThat(reply.service()).isEqualTo("ed_signal");
        assertThat(reply.sentFromServer()).isEmpty();
        assertThat(reply.parameters()).isEmpty();

        Message withParameters = Message.replyBuilder(request, "ABSOLUTELY")
                .parameter("serial", "7")
                .build();
        assertThat(withParameters.service()).isEqualTo("ed_signal");
        assertThat(withParameters.parameters()).containsEntry("serial", "7");
    }

    @Test
    void aReplyToADirectPeerHasNoDestination() {
        Message reply = Message.reply(Message.of("DAD"), "CLIMB");
        assertThat(reply).isEqualTo(Message.of("CLIMB"));
        assertThat(reply.toString()).isEqualTo("CLIMB");
    }

    @Test
    void toBuilderKeepsNamesReadFromTheWireWithoutCheckingThem() throws MessageParseException {
        Message parsed = MessageCodec.standard().parse("<my-host:svc CMD-X a=1");
        Message copy = parsed.toBuilder().parameter("b", "2").build();
        assertThat(copy.command()).isEqualTo("CMD-X");
        assertThat(copy.sentFromServer()).isEqualTo("my-host");
        assertThat(copy.parameters()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(parsed.toBuilder().build()).isEqualTo(parsed);
    }

    @Test
    void parametersAreUnmodifiable() {
        Message message = Message.builder("X").parameter("a", "1").build();
        assertThatThrownBy(() -> message.parameters().put("b", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.parameters().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> message.parameters().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(
                        () -> message.parameters().entrySet().iterator().next().setValue("z"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Message.of("X").parameters().put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalMessagesHaveEqualHashCodes() {
        Message a = Message.builder("X")
                .sentFrom("h", "s")
                .service("svc")
                .parameter("p", "1")
                .build();
        Message b = Message.builder("X")
                .sentFrom("h", "s")
                .service("svc")
                .parameter("p", "1")
                .build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(b.toBuilder().parameter("p", "2").build());
        assertThat(a).isNotEqualTo(b.toBuilder().service("other").build());
        assertThat(a.parameters()).isEqualTo(new TreeMap<>(Map.of("p", "1")));
        assertThat(a.parameters().hashCode()).isEqualTo(new TreeMap<>(Map.of("p", "1")).hashCode());
    }

    @Test
    void typedAccessorsConvertTheStringValue() {
        Message message = Message.builder("X")
                .parameter("i", "42")
                .parameter("n", "-7")
                .parameter("l", "9999999999")
                .parameter("t", "TRUE")
                .parameter("y", "yes")
                .parameter("one", "1")
                .parameter("f", "False")
                .parameter("no", "NO")
                .parameter("zero", "0")
                .build();
        assertThat(message.intParameter("i")).isEqualTo(42);
        assertThat(message.intParameter("n")).isEqualTo(-7);
        assertThat(message.longParameter("l")).isEqualTo(9_999_999_999L);
        assertThat(message.booleanParameter("t")).isTrue();
        assertThat(message.booleanParameter("y")).isTrue();
        assertThat(message.booleanParameter("one")).isTrue();
        assertThat(message.booleanParameter("f")).isFalse();
        assertThat(message.booleanParameter("no")).isFalse();
        assertThat(message.booleanParameter("zero")).isFalse();
        assertThat(message.stringParameter("i")).isEqualTo("42");
        assertThat(message.parameter("i")).contains("42");
        assertThat(message.parameter("absent")).isEmpty();
        assertThat(message.hasParameter("i")).isTrue();
        assertThat(message.hasParameter("absent")).isFalse();
    }

    @Test
    void typedAccessorsExplainWhatIsWrong() {
        Message message = Message.builder("READY")
                .parameter("port", "abc")
                .parameter("big", "9999999999")
                .parameter("flag", "maybe")
                .parameter("empty", "")
                .build();
        assertThatThrownBy(() -> message.stringParameter("absent"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("message READY has no parameter \"absent\"");
        assertThatThrownBy(() -> message.intParameter("port"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage("parameter \"port\" of message READY is not an integer: \"abc\"");
        assertThatThrownBy(() -> message.intParameter("big"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("not an integer");
        Message otherDigits =
                Message.builder("READY").parameter("n", "\u0661\u0662").build(); // Arabic-Indic 12
        assertThatThrownBy(() -> otherDigits.intParameter("n")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> otherDigits.longParameter("n")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> message.longParameter("empty"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("\"empty\"");
        assertThatThrownBy(() -> message.booleanParameter("flag"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessage(
                        "parameter \"flag\" of message READY is not a boolean (true/false, yes/no, 1/0): \"maybe\"");
        assertThatThrownBy(() -> message.intParameter("absent"))
                .isInstanceOf(InvalidMessageException.class)
                .hasMessageContaining("has no parameter");
    }
}

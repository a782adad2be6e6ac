package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One parameter's rule against one message: each type and each flag, alone and together, with the exact text. */
class ParameterRuleTest {

    private static final Message ABSENT = Message.of("CMD");

    private static Message with(String value) {
        return Message.builder("CMD").parameter("p", value).build();
    }

    private static ParameterRule rule(ParameterType type, boolean required, boolean empty, boolean forbidden) {
        return new ParameterRule("p", type, required, empty, forbidden, "");
    }

    static Stream<Arguments> values() {
        return Stream.of(
                // type, value, the violation (null: accepted)
                arguments(ParameterType.STRING, "anything at all", null),
                arguments(ParameterType.INTEGER, "42", null),
                arguments(ParameterType.INTEGER, "-9223372036854775808", null),
                arguments(ParameterType.INTEGER, "9223372036854775807", null),
                arguments(
                        ParameterType.INTEGER,
                        "9223372036854775808",
                        "parameter p is not an integer: \"9223372036854775808\""),
                arguments(ParameterType.INTEGER, "12a", "parameter p is not an integer: \"12a\""),
                arguments(ParameterType.INTEGER, "1.5", "parameter p is not an integer: \"1.5\""),
                arguments(ParameterType.INTEGER, "\u0661\u0662", "parameter p is not an integer: \"\u0661\u0662\""),
                arguments(ParameterType.INT32, "2147483647", null),
                arguments(ParameterType.INT32, "2147483648", "parameter p is not a 32-bit integer: \"2147483648\""),
                arguments(ParameterType.BOOLEAN, "Yes", null),
                arguments(ParameterType.BOOLEAN, "0", null),
                arguments(
                        ParameterType.BOOLEAN,
                        "maybe",
                        "parameter p is not a boolean (true/false/yes/no/1/0): \"maybe\""),
                arguments(ParameterType.ADDRESS, "10.0.0.1:4040", null),
                arguments(ParameterType.ADDRESS, "[::1]:4040", null),
                arguments(ParameterType.ADDRESS, "example.com", "parameter p is not an IP address: \"example.com\""),
                arguments(ParameterType.TIMESPEC, "1733600000.25", null),
                arguments(
                        ParameterType.TIMESPEC,
                        "yesterday",
                        "parameter p is not a timespec (seconds[.fraction]): \"yesterday\""));
    }

    @ParameterizedTest(name = "{0} \"{1}\": {2}")
    @MethodSource("values")
    void eachTypeAcceptsItsValuesAndNamesTheOthers(ParameterType type, String value, String violation) {
        assertThat(rule(type, true, false, false).violation(with(value))).isEqualTo(violation);
    }

    @Test
    void aRequiredParameterMustBePresent() {
        ParameterRule required = rule(ParameterType.STRING, true, false, false);
        assertThat(required.violation(ABSENT)).isEqualTo("missing required parameter p");
        assertThat(required.violation(with("x"))).isNull();
    }

    @Test
    void anOptionalParameterMayBeAbsentButNotEmpty() {
        ParameterRule optional = rule(ParameterType.INTEGER, false, false, false);
        assertThat(optional.violation(ABSENT)).isNull();
        assertThat(optional.violation(with(""))).isEqualTo("empty parameter p");
        assertThat(optional.violation(with("7"))).isNull();
    }

    @Test
    void anEmptyValueIsAcceptedWhereEmptyIsAllowedAndIsNotTypeChecked() {
        ParameterRule emptyInteger = rule(ParameterType.INTEGER, false, true, false);
        assertThat(emptyInteger.violation(with(""))).isNull();
        assertThat(emptyInteger.violation(with("x"))).isEqualTo("parameter p is not an integer: \"x\"");
        assertThat(rule(ParameterType.TIMESPEC, true, true, false).violation(with("")))
                .isNull();
    }

    @Test
    void aForbiddenParameterMustBeAbsentWhateverItsValue() {
        ParameterRule forbidden = rule(ParameterType.STRING, false, false, true);
        assertThat(forbidden.violation(ABSENT)).isNull();
        assertThat(forbidden.violation(with("x"))).isEqualTo("forbidden parameter p");
        assertThat(forbidden.violation(with(""))).isEqualTo("forbidden parameter p");
        assertThat(rule(ParameterType.STRING, false, true, true).violation(with("")))
                .isEqualTo("forbidden parameter p");
    }

    @Test
    void requiredAndForbiddenTogetherRefuseBothPresenceAndAbsence() {
        ParameterRule both = rule(ParameterType.STRING, true, false, true);
        assertThat(both.violation(ABSENT)).isEqualTo("missing required parameter p");
        assertThat(both.violation(with("x"))).isEqualTo("forbidden parameter p");
    }

    @Test
    void requiredWithEmptyAllowedIsTheDefaultOfASectionWithoutFlags() {
        ParameterRule byDefault = ParameterRule.ofDefaultFlags("p", ParameterType.INTEGER, null);
        assertThat(byDefault).isEqualTo(new ParameterRule("p", ParameterType.INTEGER, true, true, false, ""));
        assertThat(byDefault.violation(ABSENT)).isEqualTo("missing required parameter p");
        assertThat(byDefault.violation(with(""))).isNull();
        assertThat(byDefault.violation(with("x"))).isEqualTo("parameter p is not an integer: \"x\"");
    }

    @Test
    void aLongOrGarbledValueIsQuotedShortAndWithoutControlCharacters() {
        ParameterRule integer = rule(ParameterType.INTEGER, true, false, false);
        assertThat(integer.violation(with("x".repeat(100))))
                .isEqualTo("parameter p is not an integer: \"" + "x".repeat(40) + "...\"");
        assertThat(integer.violation(with("1\n2\u007f"))).isEqualTo("parameter p is not an integer: \"1?2?\"");
    }
}

package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The JSON form's whitespace in every place a.6 allows it, and its errors: each says what is wrong
 * and where (the column a reply and the log give), for numbers, escapes and empty objects.
 * {@code '} stands for {@code "}.
 */
class JsonErrorsSayWhereTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'command':'X','parameters':{ }}",
                "{'command':'X','parameters':{'a':1 , 'b':2 }}",
                "{'command':'X','parameters':{\t'a':1,\n'b':2}}",
                "{'command':'X','parameters':{'a':1,'b':2}} \t",
            })
    void whitespaceIsReadBetweenEveryTwoTokensAndAfterTheObject(String text) throws MessageParseException {
        Message message = Lines.parse(MessageCodec.standard(), json(text));

        assertThat(message.command()).isEqualTo("X");
        assertThat(message.parameters()).hasSize(text.contains("'b'") ? 2 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{ }", "{\t}"})
    void anEmptyObjectIsNamedAsSuch(String text) {
        assertThat(Lines.error(MessageCodec.standard(), json(text)).reason())
                .isEqualTo("an empty object {} holds no message");
    }

    /** {@code ^} marks where the error is said to be; it is not part of the line. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'command':'X','parameters':{'a':-^}}",
                "{'command':'X','parameters':{'a':-^x}}",
                "{'command':'X','parameters':{'a':1.^}}",
                "{'command':'X','parameters':{'a':12.^e3}}",
                "{'command':'X','parameters':{'a':1e^}}",
                "{'command':'X','parameters':{'a':1E+^}}",
                "{'command':'X','parameters':{'a':25e-^x}}",
            })
    void aMalformedNumberIsShownWhereItBreaks(String marked) {
        MessageParseException error = Lines.error(MessageCodec.standard(), json(marked.replace("^", "")));

        assertThat(error.reason()).isEqualTo("malformed number");
        assertThat(error.position()).isEqualTo(marked.indexOf('^'));
    }

    @ParameterizedTest
    @CsvSource({"0041, A", "09aF, \u09af", "fFfF, \uffff", "a0A0, \ua0a0"})
    void anEscapeTakesHexadecimalDigitsOfEitherCase(String digits, String unit) throws MessageParseException {
        assertThat(Lines.parse(MessageCodec.standard(), json("{'command':'\\u" + digits + "'}"))
                        .command())
                .isEqualTo(unit);
    }

    @ParameterizedTest
    @ValueSource(strings = {"004/", "004:", "004@", "004G", "004`", "004g"})
    void aCharacterJustOutsideTheHexadecimalDigitsEndsTheEscapeThere(String digits) {
        MessageParseException error = Lines.error(MessageCodec.standard(), json("{'command':'\\u" + digits + "'}"));

        assertThat(error.reason()).isEqualTo("\\u needs four hexadecimal digits");
        assertThat(error.position()).isEqualTo(12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'command':'\\u0041", "{'command':'\\u004"})
    void anEscapeCutOffByTheEndOfTheLineIsToldApartFromAStringLeftOpen(String text) {
        MessageParseException error = Lines.error(MessageCodec.standard(), json(text));

        assertThat(error.reason())
                .isEqualTo(
                        text.endsWith("41")
                                ? "a string without its closing quote"
                                : "\\u needs four hexadecimal digits");
    }

    @ParameterizedTest
    @CsvSource({"DC00, DC00", "dfff, DFFF"})
    void aLowSurrogateAloneIsNamedInCapitals(String digits, String named) {
        MessageParseException error = Lines.error(MessageCodec.standard(), json("{'command':'x\\u" + digits + "'}"));

        assertThat(error.reason()).isEqualTo("a low surrogate \\u" + named + " without a high one before it");
        assertThat(error.position()).isEqualTo(13);
    }

    private static String json(String text) {
        return text.replace('\'', '"');
    }
}

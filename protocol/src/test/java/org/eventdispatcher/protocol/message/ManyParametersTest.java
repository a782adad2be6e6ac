package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Lines with many parameters: read in any order at the cost of one sort (names out of order are no
 * longer inserted one by one, shifting the array each time), and no more than the codec's cap.
 */
class ManyParametersTest {

    /** A codec that reads as many as these tests send. */
    private static final MessageCodec UNCAPPED = MessageCodec.standard().withMaxParameters(1_000_000);

    @Test
    void namesInAnyOrderReadAsSortedWithTheLastValueOfANameWinning() throws MessageParseException {
        SplittableRandom random = new SplittableRandom(25);
        for (int round = 0; round < 20; round++) {
            List<String> names = new ArrayList<>();
            int count = 1 + random.nextInt(3_000);
            for (int i = 0; i < count; i++) {
                names.add("p" + random.nextInt(count)); // repeats on purpose
            }
            switch (round % 3) {
                case 0 -> names.sort(Message.NAME_ORDER.reversed());
                case 1 -> names.sort(Message.NAME_ORDER);
                default -> Collections.shuffle(names, new java.util.Random(round));
            }
            TreeMap<String, String> expected = new TreeMap<>(Message.NAME_ORDER);
            StringBuilder text = new StringBuilder("X ");
            StringBuilder json = new StringBuilder("{\"command\":\"X\",\"parameters\":{");
            for (int i = 0; i < names.size(); i++) {
                String value = "v" + i;
                expected.put(names.get(i), value);
                text.append(i == 0 ? "" : ";").append(names.get(i)).append('=').append(value);
                json.append(i == 0 ? "" : ",")
                        .append('"')
                        .append(names.get(i))
                        .append("\":\"")
                        .append(value)
                        .append('"');
            }
            json.append("}}");

            for (String line : List.of(text.toString(), json.toString())) {
                Message message = Lines.parse(UNCAPPED, line);
                assertThat(message.parameters()).as("round " + round).containsExactlyEntriesOf(expected);
                assertThat(UNCAPPED.write(message))
                        .isEqualTo(UNCAPPED.write(
                                Message.builder("X").parameters(expected).build()));
            }
        }
    }

    @Test
    void aNameOutOfOrderAfterARunOfRepeatsStillEndsInItsPlace() throws MessageParseException {
        Message message = Lines.parse(MessageCodec.standard(), "X b=1;b=2;c=3;a=4;c=5;a=6");
        assertThat(message.parameters()).containsExactly(Map.entry("a", "6"), Map.entry("b", "2"), Map.entry("c", "5"));
    }

    @Test
    void moreParametersThanTheCapIsTooManyParametersInTextAndJson() throws MessageParseException {
        MessageCodec codec = MessageCodec.standard();
        assertThat(codec.maxParameters())
                .isEqualTo(MessageCodec.DEFAULT_MAX_PARAMETERS)
                .isEqualTo(1_000);

        assertThat(Lines.parse(codec, text(1_000, i -> "p" + i)).parameters()).hasSize(1_000);
        assertThat(Lines.parse(codec, json(1_000, i -> "p" + i)).parameters()).hasSize(1_000);

        MessageParseException text = Lines.error(codec, text(1_001, i -> "p" + i));
        assertThat(text.category()).isEqualTo(ParseError.TOO_MANY_PARAMETERS);
        assertThat(text.getMessage())
                .startsWith("TOO_MANY_PARAMETERS: more than 1000 parameters in one message (at column ");
        assertThat(Lines.error(codec, json(1_001, i -> "p" + i)).category()).isEqualTo(ParseError.TOO_MANY_PARAMETERS);
        assertThat(Lines.error(MessageCodec.upstream(), text(1_001, i -> "p" + i))
                        .category())
                .isEqualTo(ParseError.TOO_MANY_PARAMETERS);
    }

    @Test
    void aNameGivenTwiceCountsTwiceAndEveryJsonParametersObjectCounts() {
        MessageCodec codec = MessageCodec.standard().withMaxParameters(3);

        assertThat(Lines.error(codec, "X a=1;a=2;a=3;a=4").category()).isEqualTo(ParseError.TOO_MANY_PARAMETERS);
        assertThat(Lines.error(
                                codec,
                                "{\"command\":\"X\",\"parameters\":{\"a\":1,\"b\":2},\"parameters\":{\"c\":3,"
                                        + "\"d\":4}}")
                        .category())
                .isEqualTo(ParseError.TOO_MANY_PARAMETERS);
        assertThat(Lines.error(codec, "X a=1;b=2;c=3;d=4").position())
                .as("at the first one too many")
                .isEqualTo(14);
    }

    @Test
    void theCapIsAtLeastOne() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> MessageCodec.standard().withMaxParameters(0));
        assertThat(MessageCodec.standard().withMaxParameters(1_000)).isSameAs(MessageCodec.standard());
    }

    private static String text(int count, Function<Integer, String> name) {
        StringBuilder line = new StringBuilder("X ");
        for (int i = count - 1; i >= 0; i--) { // descending: the order that shifted the array most
            line.append(i == count - 1 ? "" : ";").append(name.apply(i)).append("=1");
        }
        return line.toString();
    }

    private static String json(int count, Function<Integer, String> name) {
        StringBuilder line = new StringBuilder("{\"command\":\"X\",\"parameters\":{");
        for (int i = count - 1; i >= 0; i--) {
            line.append(i == count - 1 ? "" : ",")
                    .append('"')
                    .append(name.apply(i))
                    .append("\":1");
        }
        return line.append("}}").toString();
    }
}

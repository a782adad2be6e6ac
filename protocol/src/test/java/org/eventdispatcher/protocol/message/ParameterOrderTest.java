package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** PROTOCOL.md a.1: parameters are sorted by name in code point (UTF-8 byte) order. */
class ParameterOrderTest {

    private static final String SMILE = "😀"; // U+1F600, a surrogate pair in UTF-16

    @Test
    void uppercaseSortsBeforeUnderscoreBeforeLowercase() {
        Message message = Message.builder("X")
                .parameter("b", "1")
                .parameter("_", "2")
                .parameter("B", "3")
                .parameter("a", "4")
                .parameter("A_", "5")
                .parameter("A", "6")
                .build();
        assertThat(message.parameters().keySet()).containsExactly("A", "A_", "B", "_", "a", "b");
        assertThat(MessageCodec.standard().write(message)).isEqualTo("X A=6;A_=5;B=3;_=2;a=4;b=1");
    }

    @Test
    void aSupplementaryCharacterSortsAfterTheTopOfTheBasicPlane() throws MessageParseException {
        // String.compareTo would put the surrogate pair (D83D DE00) before U+E000 and U+FFFD
        Message message = Lines.parse(
                MessageCodec.standard(),
                "{\"command\":\"X\",\"parameters\":{\"" + SMILE
                        + "\":\"1\",\"\uFFFD\":\"2\",\"\uE000\":\"3\",\"a\":\"4\",\"\u00E9\":\"5\",\"B\":\"6\"}}");
        assertThat(message.parameters().keySet()).containsExactly("B", "a", "\u00E9", "\uE000", "\uFFFD", SMILE);
    }

    @Test
    void nameOrderIsTheOrderOfUtf8BytesForAnyText() {
        String[] pieces = {
            "a", "B", "_", "é", "\uD7FF", "\uE000", "\uF800", "\uFFFF", SMILE, "\uD800\uDC00", "𝄞", "中", ""
        };
        RandomCases.forAll(
                random -> {
                    String[] names = new String[2];
                    for (int n = 0; n < 2; n++) {
                        StringBuilder name = new StringBuilder();
                        for (int k = random.nextInt(4); k > 0; k--) {
                            name.append(pieces[random.nextInt(pieces.length)]);
                        }
                        names[n] = name.toString();
                    }
                    return java.util.List.of(names);
                },
                names -> assertThat(Integer.signum(Message.NAME_ORDER.compare(names.get(0), names.get(1))))
                        .isEqualTo(Integer.signum(Arrays.compareUnsigned(
                                names.get(0).getBytes(StandardCharsets.UTF_8),
                                names.get(1).getBytes(StandardCharsets.UTF_8)))));
    }

    @Test
    void namesArrivingOutOfOrderAreSortedAndTheLastDuplicateWins() throws MessageParseException {
        Message message = Lines.parse(MessageCodec.standard(), "X c=1;a=2;b=3;a=4;_=5;c=6");
        assertThat(message.parameters())
                .containsExactly(Map.entry("_", "5"), Map.entry("a", "4"), Map.entry("b", "3"), Map.entry("c", "6"));
    }

    @Test
    void theParameterMapIsASortedMapLikeAnyOther() throws MessageParseException {
        SortedMap<String, String> parameters =
                Lines.parse(MessageCodec.standard(), "X a=1;c=3;e=5;g=7").parameters();
        TreeMap<String, String> expected = new TreeMap<>(Map.of("a", "1", "c", "3", "e", "5", "g", "7"));

        assertThat(parameters).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(expected).isEqualTo(parameters);
        assertThat(parameters.toString()).isEqualTo(expected.toString());
        assertThat(parameters.comparator()).isSameAs(Message.NAME_ORDER);
        assertThat(parameters.firstKey()).isEqualTo("a");
        assertThat(parameters.lastKey()).isEqualTo("g");
        assertThat(parameters.headMap("e")).isEqualTo(expected.headMap("e"));
        assertThat(parameters.headMap("d")).isEqualTo(expected.headMap("d"));
        assertThat(parameters.tailMap("c")).isEqualTo(expected.tailMap("c"));
        assertThat(parameters.tailMap("h")).isEmpty();
        assertThat(parameters.subMap("b", "f")).isEqualTo(expected.subMap("b", "f"));
        assertThat(parameters.subMap("c", "g").firstKey()).isEqualTo("c");
        assertThat(parameters.subMap("c", "g").lastKey()).isEqualTo("e");
        assertThat(parameters.subMap("c", "g").get("g")).isNull();
        assertThat(parameters.subMap("c", "g").containsKey("a")).isFalse();
        assertThat(parameters.tailMap("c").headMap("g").keySet()).containsExactly("c", "e");
        assertThat(parameters.values()).containsExactly("1", "3", "5", "7");
        assertThat(parameters.get("e")).isEqualTo("5");
        assertThat(parameters.get("b")).isNull();
        assertThat(parameters.get(42)).isNull();
        assertThat(parameters.containsKey("g")).isTrue();
        assertThat(parameters.containsValue("7")).isTrue();
        assertThatThrownBy(() -> parameters.subMap("f", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parameters.subMap("c", "c").firstKey()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> Message.of("X").parameters().lastKey()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> parameters.headMap("e").put("b", "2"))
                .isInstanceOf(UnsupportedOperationException.class);

        StringBuilder visited = new StringBuilder();
        parameters.forEach((name, value) -> visited.append(name).append(value));
        assertThat(visited).hasToString("a1c3e5g7");
        assertThat(List.copyOf(parameters.entrySet())).containsExactlyElementsOf(expected.entrySet());
    }
}

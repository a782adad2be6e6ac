package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A message's parameters are a {@link SortedMap} in name order, and behave as the JDK's
 * {@link TreeMap} with the same entries does, for few parameters and for many (where a look-up
 * changes method), and in the views a handler may take of them.
 */
class ParametersBehaveAsASortedMapTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8, 9, 10, 17})
    void lookUpsFindEveryNameAndNoOther(int count) {
        SortedMap<String, String> parameters = parameters(count);
        TreeMap<String, String> expected = expected(count);

        for (String name : expected.keySet()) {
            assertThat(parameters.get(name)).isEqualTo(expected.get(name));
            assertThat(parameters.containsKey(name)).isTrue();
        }
        for (String missing : new String[] {"a", "n", "n05x", "z", "n99"}) {
            assertThat(parameters.get(missing)).isNull();
            assertThat(parameters.containsKey(missing)).isFalse();
        }
        assertThat(parameters.get(42)).isNull();
        assertThat(parameters.size()).isEqualTo(count);
        assertThat(parameters.entrySet()).hasSize(count);
        assertThat(parameters.firstKey()).isEqualTo(expected.firstKey());
        assertThat(parameters.lastKey()).isEqualTo(expected.lastKey());
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 12})
    void viewsHoldTheirRangeOnlyAndLookUpWithinIt(int count) {
        SortedMap<String, String> parameters = parameters(count);
        TreeMap<String, String> expected = expected(count);

        assertViewIs(parameters.tailMap("n01"), expected.tailMap("n01"));
        assertViewIs(parameters.headMap("n02"), expected.headMap("n02"));
        assertViewIs(parameters.subMap("n01", "n02"), expected.subMap("n01", "n02"));
        assertViewIs(parameters.subMap("n005", "n015"), expected.subMap("n005", "n015"));
        assertViewIs(parameters.tailMap("n01").headMap("n02"), expected.subMap("n01", "n02"));
        assertThatThrownBy(() -> parameters.subMap("n02", "n01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parametersEqualAMapOfTheSameEntriesOnly() {
        SortedMap<String, String> parameters = parameters(3);

        assertThat(parameters).isEqualTo(parameters(3)).isEqualTo(expected(3)).hasSameHashCodeAs(expected(3));
        assertThat(expected(3)).isEqualTo(parameters);
        assertThat(parameters).isNotEqualTo(parameters(2)).isNotEqualTo(parameters(4));
        assertThat(parameters)
                .isNotEqualTo(Message.builder("X")
                        .parameter("n00", "v0")
                        .parameter("n01", "v1")
                        .parameter("n02", "other")
                        .build()
                        .parameters());
        assertThat(parameters)
                .isNotEqualTo(Message.builder("X")
                        .parameter("n00", "v0")
                        .parameter("n01", "v1")
                        .parameter("n03", "v2")
                        .build()
                        .parameters());
    }

    @Test
    void iterationIsInNameOrderAndEndsWithTheLast() {
        Iterator<Map.Entry<String, String>> entries = parameters(2).entrySet().iterator();

        assertThat(entries.next()).isEqualTo(Map.entry("n00", "v0"));
        assertThat(entries.next()).isEqualTo(Map.entry("n01", "v1"));
        assertThat(entries.hasNext()).isFalse();
        assertThatThrownBy(entries::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void aMessageWhoseParametersWereAllRemovedHasNone() {
        Message message =
                Message.builder("X").parameter("a", "1").removeParameter("a").build();

        assertThat(message.parameters()).isEmpty();
        assertThat(message.toString()).isEqualTo("X");
        assertThatThrownBy(() -> message.parameters().firstKey()).isInstanceOf(NoSuchElementException.class);
    }

    private static void assertViewIs(SortedMap<String, String> view, SortedMap<String, String> expected) {
        assertThat(view).isEqualTo(expected);
        assertThat(view.size()).isEqualTo(expected.size());
        assertThat(view.entrySet()).hasSize(expected.size());
        assertThat(view.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String name : new String[] {"n00", "n01", "n02", "n05", "n11"}) {
            assertThat(view.get(name)).as(name).isEqualTo(expected.get(name));
        }
    }

    /** Parameters n00=v0, n01=v1, ... given in reverse order. */
    private static SortedMap<String, String> parameters(int count) {
        Message.Builder builder = Message.builder("X");
        for (int i = count - 1; i >= 0; i--) {
            builder.parameter(String.format("n%02d", i), "v" + i);
        }
        return builder.build().parameters();
    }

    private static TreeMap<String, String> expected(int count) {
        TreeMap<String, String> map = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            map.put(String.format("n%02d", i), "v" + i);
        }
        return map;
    }
}

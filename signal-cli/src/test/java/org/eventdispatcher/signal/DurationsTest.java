package org.eventdispatcher.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"5, 5000", "5s, 5000", "1.5s, 1500", "500ms, 500", "1m, 60000", "0.25, 250"})
    void readsSecondsByDefault(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-1", "5h", "1,5", "0", "0ms"})
    void refusesWhatIsNotAPositiveDuration(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("\"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"52596000.001m", "9223372036.854775808", "99999999999999999999"})
    void refusesADurationLongerThanAHundredYears(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("\"" + text + "\" is longer than 100 years");
    }

    @ParameterizedTest
    @CsvSource({"52596000m, 3155760000000", "2147483648ms, 2147483648"})
    void takesLongWaitsUpToAHundredYears(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @CsvSource({"300, 300 ms", "5000, 5 s", "1500, 1.5 s"})
    void describesForPeople(long millis, String text) {
        assertThat(Durations.describe(Duration.ofMillis(millis))).isEqualTo(text);
    }
}

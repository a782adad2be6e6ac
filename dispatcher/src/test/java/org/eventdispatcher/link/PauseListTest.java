package org.eventdispatcher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PauseListTest {

    @Test
    void readsSecondsByDefaultAndUnitsWhenGiven() {
        assertThat(PauseList.valueOf("0.5,1,2,5").pauses()).containsExactly(ms(500), ms(1000), ms(2000), ms(5000));
        assertThat(PauseList.valueOf(" 500ms, 1s ,2S,1m,1.5h,1d ").pauses())
                .containsExactly(
                        ms(500), ms(1000), ms(2000), Duration.ofMinutes(1), Duration.ofMinutes(90), Duration.ofDays(1));
        assertThat(PauseList.valueOf(".25").pauses()).containsExactly(ms(250));
        assertThat(PauseList.valueOf("1,2").firstAttemptDelay()).isZero();
    }

    @Test
    void theLastPauseRepeats() {
        PauseList list = PauseList.valueOf("1,2,5");
        assertThat(List.of(list.pause(0), list.pause(1), list.pause(2), list.pause(3), list.pause(1000)))
                .containsExactly(ms(1000), ms(2000), ms(5000), ms(5000), ms(5000));
        assertThat(list.longest()).isEqualTo(ms(5000));
    }

    @Test
    void aNegativeFirstEntryDelaysOnlyTheFirstAttempt() {
        PauseList list = PauseList.valueOf("-3,1,2");
        assertThat(list.firstAttemptDelay()).isEqualTo(ms(3000));
        assertThat(list.pauses()).containsExactly(ms(1000), ms(2000));
        assertThat(list.describe()).isEqualTo("first attempt after 3s, then 1s,2s");
    }

    @Test
    void aNegativeEntryAloneIsAlsoThePauseBetweenAttempts() {
        PauseList list = PauseList.valueOf("-5");
        assertThat(list.firstAttemptDelay()).isEqualTo(ms(5000));
        assertThat(list.pauses()).containsExactly(ms(5000));
    }

    @Test
    void blankMeansTheDefault() {
        assertThat(PauseList.valueOf("  ")).isEqualTo(PauseList.defaults());
        assertThat(PauseList.valueOf(null)).isEqualTo(PauseList.defaults());
    }

    @Test
    void theDefaultFindsARestartedServerWithinASecondForTenSecondsThenSettlesAtFiveSeconds() {
        PauseList list = PauseList.defaults();
        Duration elapsed = Duration.ZERO;
        int i = 0;
        // even with the full 20 % jitter taken off every pause, ten seconds pass before a pause exceeds 1 s
        while (list.pause(i).compareTo(ms(1000)) <= 0) {
            elapsed = elapsed.plus(list.pause(i).multipliedBy(8).dividedBy(10));
            i++;
        }
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(list.longest()).isEqualTo(ms(5000));
        assertThat(list.pause(Integer.MAX_VALUE)).isEqualTo(ms(5000));
    }

    @Test
    void upTo254Entries() {
        String max = String.join(",", Collections.nCopies(254, "1"));
        assertThat(PauseList.valueOf(max).pauses()).hasSize(254);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf(max + ",1"))
                .withMessageContaining("255 entries; at most 254");
    }

    @Test
    void badEntriesAreNamed() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf("1,,2"))
                .withMessageContaining("entry 2 \"\" is not a duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf("1,soon"))
                .withMessageContaining("entry 2 \"soon\" is not a duration");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf("1,2x"))
                .withMessageContaining("unknown unit \"x\"");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf("1,-2"))
                .withMessageContaining("only the first entry may be negative");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf("1,0"))
                .withMessageContaining("must be longer than zero");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PauseList.valueOf("1000d"))
                .withMessageContaining("longer than a year");
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}

package org.eventdispatcher.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {

    @Test
    void walksTheListRepeatsTheLastAndStartsOverAfterASuccess() {
        ReconnectPolicy policy = new ReconnectPolicy(PauseList.valueOf("1,2,5"), 0);
        assertThat(List.of(
                        policy.firstAttempt(),
                        policy.nextPause(),
                        policy.nextPause(),
                        policy.nextPause(),
                        policy.nextPause()))
                .containsExactly(Duration.ZERO, s(1), s(2), s(5), s(5));
        policy.connected();
        assertThat(policy.nextPause()).isEqualTo(s(1));
    }

    @Test
    void jitterOnlyShortensAPauseAndByAtMostItsFraction() {
        ReconnectPolicy none = new ReconnectPolicy(PauseList.valueOf("10"), 0.2, () -> 0.0);
        ReconnectPolicy most = new ReconnectPolicy(PauseList.valueOf("10"), 0.2, () -> 0.999_999);
        ReconnectPolicy half = new ReconnectPolicy(PauseList.valueOf("10"), 0.2, () -> 0.5);
        assertThat(none.nextPause()).isEqualTo(s(10));
        assertThat(most.nextPause()).isBetween(Duration.ofMillis(8000), Duration.ofMillis(8001));
        assertThat(half.nextPause()).isEqualTo(s(9));
    }

    @Test
    void jitterSpreadsManyClientsOverTheWholeRange() {
        Random random = new Random(42);
        ReconnectPolicy policy = new ReconnectPolicy(PauseList.valueOf("1"), 0.2, random::nextDouble);
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            pauses.add(policy.nextPause());
        }
        assertThat(pauses).allSatisfy(p -> assertThat(p).isBetween(Duration.ofMillis(800), s(1)));
        assertThat(pauses.stream().distinct().count()).isGreaterThan(900);
    }

    @Test
    void theNegativeFirstEntryIsJitteredToo() {
        ReconnectPolicy policy = new ReconnectPolicy(PauseList.valueOf("-10,1"), 0.2, () -> 0.5);
        assertThat(policy.firstAttempt()).isEqualTo(s(9));
    }

    @Test
    void jitterMustBeAFraction() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ReconnectPolicy(PauseList.defaults(), 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReconnectPolicy(PauseList.defaults(), -0.1));
        assertThatIllegalArgumentException().isThrownBy(() -> new ReconnectPolicy(PauseList.defaults(), Double.NaN));
    }

    private static Duration s(long seconds) {
        return Duration.ofSeconds(seconds);
    }
}

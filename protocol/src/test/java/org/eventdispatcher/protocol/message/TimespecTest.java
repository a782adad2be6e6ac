package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A timespec parameter read and written as upstream's {@code snapdev::timespec_ex}. */
class TimespecTest {

    @ParameterizedTest(name = "\"{0}\" is {1} s {2} ns")
    @CsvSource(
            delimiter = '|',
            ignoreLeadingAndTrailingWhitespace = false,
            value = {
                "1733600000|1733600000|0",
                "1733600000.5|1733600000|500000000",
                "1733600000.000000001|1733600000|1",
                "0|0|0",
                "1.|1|0",
                "+12|12|0",
                "12s|12|0",
                "12.25s|12|250000000",
                "  12.5  |12|500000000",
                "\t12\t|12|0",
                "1.1234567891|1|123456789",
                "1.99999999999999|1|999999999",
                "-5|-5|0",
                // as upstream: the sign is the seconds', the fraction counts forward from them
                "-5.25|-5|250000000",
                "31556889864403199|31556889864403199|0",
            })
    void readsUpstreamsForms(String text, long seconds, long nanos) {
        assertThat(Timespec.parse(text)).isEqualTo(Instant.ofEpochSecond(seconds, nanos));
    }

    @ParameterizedTest(name = "\"{0}\": {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the seconds need at least one digit",
                ".5|the seconds need at least one digit",
                "-|the seconds need at least one digit",
                "s|the seconds need at least one digit",
                "12 s|unexpected characters after the number",
                "12ss|unexpected characters after the number",
                "1.5.5|unexpected characters after the number",
                "0x10|unexpected characters after the number",
                "1e9|unexpected characters after the number",
                "\u0661\u0662|the seconds need at least one digit",
                "99999999999999999999|too many seconds",
                "18446744073709551616|too many seconds",
                "9223372036854775808|too many seconds",
                "9223372036854775807|too far from the epoch",
                "31556889864403200|too far from the epoch",
            })
    void refusesWhatIsNotATimespecSayingWhy(String text, String problem) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Timespec.parse(text))
                .withMessage(problem);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "1733600000.25",
                "1.",
                "0",
                "9999999999999999",
                "9999999999999999.999",
                "0000000000000000000001",
                "31556889864403199",
                "31556889864403200",
                "99999999999999999999",
                "12s",
                " 12",
                "12 ",
                "+12",
                "-5.25",
                "",
                ".5",
                "12.",
                "12..",
                "12.5x",
                "1e9",
                "\u0661\u0662"
            })
    void theQuickCheckAgreesWithTheReader(String text) {
        boolean reads;
        try {
            Timespec.parse(text);
            reads = true;
        } catch (IllegalArgumentException e) {
            reads = false;
        }
        assertThat(Timespec.isTimespec(text)).isEqualTo(reads);
    }

    @Test
    void writesWithoutTrailingZerosAndWithoutAPointForWholeSeconds() {
        assertThat(Timespec.format(Instant.ofEpochSecond(1733600000))).isEqualTo("1733600000");
        assertThat(Timespec.format(Instant.ofEpochSecond(1733600000, 500_000_000)))
                .isEqualTo("1733600000.5");
        assertThat(Timespec.format(Instant.ofEpochSecond(1, 1))).isEqualTo("1.000000001");
        assertThat(Timespec.format(Instant.ofEpochSecond(1, 120_000_000))).isEqualTo("1.12");
        assertThat(Timespec.format(Instant.EPOCH)).isEqualTo("0");
        assertThat(Timespec.format(Instant.ofEpochSecond(-5, 250_000_000))).isEqualTo("-5.25");
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        for (Instant instant : new Instant[] {
            Instant.ofEpochSecond(1733600000, 123_456_789),
            Instant.ofEpochSecond(-1, 999_999_999),
            Instant.MAX,
            Instant.MIN,
            Instant.EPOCH
        }) {
            assertThat(Timespec.parse(Timespec.format(instant)))
                    .as(instant.toString())
                    .isEqualTo(instant);
        }
    }
}

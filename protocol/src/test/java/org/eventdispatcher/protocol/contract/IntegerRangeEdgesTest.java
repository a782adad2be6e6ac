package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The integer types take a sign and ASCII digits within their range, and nothing past its ends. */
class IntegerRangeEdgesTest {

    @ParameterizedTest
    @CsvSource({
        "9223372036854775807, true",
        "9223372036854775808, false",
        "-9223372036854775808, true",
        "-9223372036854775809, false",
        "+9223372036854775807, true",
        "99999999999999999999, false",
        "-, false",
        "+, false",
        "0, true",
        "9, true",
        "-0, true",
        "1/, false",
        "1:, false",
    })
    void integer(String value, boolean accepted) {
        assertThat(ParameterType.INTEGER.accepts(value)).isEqualTo(accepted);
    }

    @ParameterizedTest
    @CsvSource({
        "2147483647, true",
        "2147483648, false",
        "-2147483648, true",
        "-2147483649, false",
        "9223372036854775808, false",
    })
    void int32(String value, boolean accepted) {
        assertThat(ParameterType.INT32.accepts(value)).isEqualTo(accepted);
    }
}

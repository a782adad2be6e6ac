package org.eventdispatcher.protocol.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The characters at the edges of the name rules (PROTOCOL.md a.2), as a host name becomes a server name (g.9). */
class ServerNameCharactersTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "azAZ09_ | azAZ09_",
                "x/:@[`{ | x______",
                "0x      | _0x",
                "9x      | _9x",
                "/x      | _x",
                ":x      | _x",
                "x😀y    | x_y",
            })
    void charactersJustOutsideTheRangesBecomeUnderscoresAndALeadingDigitIsPrefixed(String host, String name) {
        assertThat(ServerNames.sanitize(host)).isEqualTo(name);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisMachinesServerNameIsTheKernelsHostName() throws IOException {
        String kernel = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8)
                .strip();

        assertThat(ServerNames.local()).isEqualTo(ServerNames.sanitize(kernel));
    }
}

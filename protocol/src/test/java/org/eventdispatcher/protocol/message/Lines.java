package org.eventdispatcher.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

/**
 * Parses a line both as a {@code String} and as UTF-8 bytes (inside a larger array, to exercise the
 * offset) and checks that both ways agree: the same message, or the same error at the same column.
 */
final class Lines {

    private Lines() {}

    static Message parse(MessageCodec codec, String line) throws MessageParseException {
        Message message = codec.parse(line);
        assertThat(codec.parse(framed(line), 3, utf8(line).length))
                .as("the same line parsed from bytes")
                .isEqualTo(message);
        return message;
    }

    static MessageParseException error(MessageCodec codec, String line) {
        MessageParseException error = catchThrowableOfType(MessageParseException.class, () -> codec.parse(line));
        assertThat(error).as("the parse error of " + RandomCases.visible(line)).isNotNull();
        MessageParseException fromBytes = catchThrowableOfType(
                MessageParseException.class, () -> codec.parse(framed(line), 3, utf8(line).length));
        assertThat(fromBytes).as("the parse error from bytes").isNotNull();
        assertThat(fromBytes.category()).isEqualTo(error.category());
        assertThat(fromBytes.position()).as("the column from bytes").isEqualTo(error.position());
        return error;
    }

    /** The line's UTF-8 bytes between unrelated bytes, as a network buffer holds it. */
    private static byte[] framed(String line) {
        byte[] bytes = utf8(line);
        byte[] framed = new byte[bytes.length + 6];
        framed[0] = 'X';
        framed[1] = ';';
        framed[2] = '\n';
        System.arraycopy(bytes, 0, framed, 3, bytes.length);
        framed[bytes.length + 3] = '\n';
        framed[bytes.length + 4] = 'Y';
        framed[bytes.length + 5] = '"';
        return framed;
    }

    static byte[] utf8(String line) {
        return line.getBytes(StandardCharsets.UTF_8);
    }

    /** A message as the parser builds it: fields taken as they are, parameters as name, value pairs. */
    static Message message(
            String sentFromServer,
            String sentFromService,
            String server,
            String service,
            String command,
            String... parameters) {
        ParameterMap map = ParameterMap.withCapacity(parameters.length / 2);
        for (int i = 0; i < parameters.length; i += 2) {
            map.add(parameters[i], parameters[i + 1]);
        }
        return new Message(sentFromServer, sentFromService, server, service, command, map.compact());
    }

    static Message command(String command, String... parameters) {
        return message("", "", "", "", command, parameters);
    }
}

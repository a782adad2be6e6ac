package org.eventdispatcher.dispatch.builtin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * A shared secret a message must carry in {@code secret_code} ({@link Message#SECRET_CODE}), as
 * {@code LOG_ROTATE} and the stop rule ask. Compared in constant time, so that timing does not
 * tell how much of a guess was right; neither value is ever part of what it says.
 */
final class SecretCode {

    private final byte[] expected;

    /** @param secret empty: none is asked for */
    SecretCode(String secret) {
        this.expected = secret.getBytes(StandardCharsets.UTF_8);
    }

    boolean isSet() {
        return expected.length > 0;
    }

    /** Why the message does not carry the secret; null when it does, or when none is set. */
    @Nullable
    String problem(Message message) {
        if (!isSet()) {
            return null;
        }
        Optional<String> given = message.parameter(Message.SECRET_CODE);
        if (given.isEmpty()) {
            return Message.SECRET_CODE + " is missing";
        }
        return MessageDigest.isEqual(expected, given.get().getBytes(StandardCharsets.UTF_8))
                ? null
                : Message.SECRET_CODE + " does not match";
    }
}

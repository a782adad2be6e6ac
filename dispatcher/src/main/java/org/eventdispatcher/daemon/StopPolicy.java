package org.eventdispatcher.daemon;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.StopRule;
import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * The rule of {@code eventdispatcher.daemon.stop.*}: a command that stops the daemon is obeyed
 * only from an address in {@code allowed-from}, and, when a secret is set, only with
 * {@code secret_code} equal to it (compared in constant time).
 */
public final class StopPolicy implements StopRule {

    static final String SECRET_PARAMETER = "secret_code";

    private final List<AddressRange> allowedFrom;
    private final byte[] secret;

    public StopPolicy(DaemonProperties.Stop properties) {
        this.allowedFrom = properties.ranges();
        this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public @Nullable String refusal(Message message, Peer from) {
        Optional<InetAddress> address = from.remoteAddress();
        if (address.isEmpty()) {
            return "the sender's address is unknown";
        }
        if (allowedFrom.stream().noneMatch(range -> range.contains(address.get()))) {
            return "not allowed from " + address.get().getHostAddress();
        }
        if (secret.length == 0) {
            return null;
        }
        Optional<String> given = message.parameter(SECRET_PARAMETER);
        if (given.isEmpty()) {
            return SECRET_PARAMETER + " is missing";
        }
        return MessageDigest.isEqual(secret, given.get().getBytes(StandardCharsets.UTF_8)) ? null
                : SECRET_PARAMETER + " does not match";
    }
}

package org.eventdispatcher.dispatch.builtin;

import org.eventdispatcher.daemon.DaemonProperties;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.dispatch.StopRule;
import org.eventdispatcher.protocol.message.Message;
import org.jspecify.annotations.Nullable;

/**
 * The rule of {@code eventdispatcher.daemon.stop.*}: a command that stops the daemon is obeyed
 * only from a sender in {@code allowed-from} (an IP range, a {@code server:service} on the
 * broker, or on a Unix socket the process's {@code uid:}, {@code user:}, {@code gid:},
 * {@code group:}), and, when a secret is set, only with
 * {@code secret_code} equal to it (compared in constant time).
 */
public final class StopPolicy implements StopRule {

    private final AllowedSenders allowedFrom;
    private final SecretCode secret;

    public StopPolicy(DaemonProperties.Stop properties) {
        this.allowedFrom = AllowedSenders.parse(properties.allowedFrom());
        this.secret = new SecretCode(properties.secret());
    }

    @Override
    public @Nullable String refusal(Message message, Peer from) {
        String refusal = allowedFrom.refusal(from);
        return refusal != null ? refusal : secret.problem(message);
    }
}

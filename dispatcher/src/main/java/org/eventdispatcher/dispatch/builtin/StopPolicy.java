package org.eventdispatcher.dispatch.builtin;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.eventdispatcher.daemon.DaemonProperties;
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

    private final List<AddressRange> allowedFrom;
    private final SecretCode secret;

    public StopPolicy(DaemonProperties.Stop properties) {
        this.allowedFrom = properties.allowedFrom().stream().map(AddressRange::parse).toList();
        this.secret = new SecretCode(properties.secret());
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
        return secret.problem(message);
    }
}

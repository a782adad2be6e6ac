package org.eventdispatcher.tcp.server.listener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handler classes limited to a listener this daemon does not name, when it names some: a misspelt
 * name in {@code @MessageHandlers(listeners)} or in {@code eventdispatcher.server.listen} would
 * otherwise take their commands off every named listener without a word. Said once, at start.
 */
public final class UnknownListenerNames {

    private static final Logger log = LoggerFactory.getLogger(UnknownListenerNames.class);

    private UnknownListenerNames() {}

    /**
     * What to say, or null when every name a handler class uses is a listener's, or no listener is
     * named (unnamed listeners carry every command).
     */
    public static String problem(List<ListenAddress> listeners, Map<String, SortedSet<String>> commandsByListener) {
        Set<String> named = listeners.stream()
                .map(ListenAddress::name)
                .filter(name -> !name.isEmpty())
                .collect(Collectors.toSet());
        if (named.isEmpty()) {
            return null;
        }
        String unknown = commandsByListener.entrySet().stream()
                .filter(limited -> !named.contains(limited.getKey()))
                .map(limited -> limited.getKey() + " (" + String.join(", ", limited.getValue()) + ")")
                .collect(Collectors.joining("; "));
        return unknown.isEmpty()
                ? null
                : "handler classes are limited to listeners this server does not have: " + unknown
                        + "; their commands are UNKNOWN on every named listener (eventdispatcher.server.listen names "
                        + String.join(", ", named.stream().sorted().toList()) + ")";
    }

    /** Logs {@link #problem} as a warning, if any. */
    public static void warnOf(List<ListenAddress> listeners, Map<String, SortedSet<String>> commandsByListener) {
        String problem = problem(listeners, commandsByListener);
        if (problem != null) {
            log.warn(problem);
        }
    }
}

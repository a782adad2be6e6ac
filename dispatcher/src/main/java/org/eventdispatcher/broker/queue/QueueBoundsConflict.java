package org.eventdispatcher.broker.queue;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The broker keeps the arguments a queue was first declared with: a daemon whose
 * {@code eventdispatcher.broker.queue.*} changed since cannot declare its queue again, and the
 * broker says only {@code PRECONDITION_FAILED - inequivalent arg 'x-max-length' ...}. This turns
 * that into what differs and the two ways out.
 */
final class QueueBoundsConflict {

    private static final int PRECONDITION_FAILED = 406;
    /** RabbitMQ 3.x: {@code inequivalent arg 'x-max-length' for queue 'q' in vhost '/': received '10000' but current is '5'}. */
    private static final Pattern INEQUIVALENT = Pattern.compile(
            "inequivalent arg '([^']+)' for queue '([^']+)' in vhost '([^']*)': received (.*?) but current is (.*)");

    private static final Pattern FIRST_QUOTED = Pattern.compile("'([^']*)'");

    private QueueBoundsConflict() {}

    /** What differs and how to fix it, when {@code failure} is the broker refusing to redeclare a queue with other arguments. */
    static Optional<String> explain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ShutdownSignalException signal
                    && signal.getReason() instanceof AMQP.Channel.Close close
                    && close.getReplyCode() == PRECONDITION_FAILED) {
                Matcher matcher = INEQUIVALENT.matcher(close.getReplyText());
                if (matcher.find()) {
                    return Optional.of(explain(
                            matcher.group(1),
                            matcher.group(2),
                            matcher.group(3),
                            value(matcher.group(4)),
                            value(matcher.group(5))));
                }
            }
        }
        return Optional.empty();
    }

    private static String explain(String argument, String queue, String vhost, String wanted, String current) {
        String property =
                switch (argument) {
                    case "x-max-length" -> "eventdispatcher.broker.queue.max-length";
                    case "x-message-ttl" -> "eventdispatcher.broker.queue.message-ttl";
                    default -> null;
                };
        String currentSetting = "x-message-ttl".equals(argument) && current.matches("\\d+") ? current + "ms" : current;
        String wantedFrom = property == null ? "" : " (" + property + ")";
        String setBack = property == null ? "" : "set " + property + " back to " + currentSetting + ", or ";
        return "the queue " + queue + " exists on the broker with " + argument + " " + current
                + ", and this daemon declares it with " + wanted + wantedFrom
                + "; the broker keeps the values a queue was first declared with. To fix it, " + setBack
                + "delete the queue (rabbitmqctl delete_queue " + queue + (vhost.equals("/") ? "" : " -p " + vhost)
                + "; the messages waiting in it are lost) and restart the daemon, which declares it anew";
    }

    /** {@code '5'}, {@code the value '5' of type 'long'}, {@code none}: the value itself. */
    private static String value(String said) {
        Matcher quoted = FIRST_QUOTED.matcher(said);
        return quoted.find() ? quoted.group(1) : said.strip();
    }
}

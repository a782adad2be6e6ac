package org.eventdispatcher.broker;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eventdispatcher.connection.ReportThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateAcknowledgeAmqpException;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer.JavaLangErrorHandler;
import org.springframework.util.ErrorHandler;

/**
 * Messages taken off this daemon's queue and dropped unread, counted as {@value #METER} by reason
 * ({@value #CONTENT_TYPE}, {@value #CHARSET}, {@value #TOO_LONG}, {@value #LISTENER_FAILURE},
 * {@value #ERROR}) and logged a few times per interval, whoever sent them. None is requeued: a
 * message that fails once fails again, and a requeued one would come back to every restart of
 * the daemon until its TTL ran out.
 *
 * <p>Also the listener container's error handlers: Spring AMQP's default for a {@link Error}
 * ({@code JavaLangErrorHandler}) calls {@code System.exit(99)}, which no peer may cause; here it
 * is logged and counted, and the daemon goes on.
 */
public class RejectedMessages implements ErrorHandler, JavaLangErrorHandler {

    public static final String METER = "eventdispatcher.broker.rejected";
    public static final String CONTENT_TYPE = "content-type";
    public static final String CHARSET = "charset";
    public static final String TOO_LONG = "too-long";
    public static final String LISTENER_FAILURE = "listener-failure";
    public static final String ERROR = "error";

    private static final Logger log = LoggerFactory.getLogger(RejectedMessages.class);

    private final Map<String, Counter> counters;
    private final ReportThrottle reports = new ReportThrottle(Duration.ofSeconds(10), 5, "on the broker");

    public RejectedMessages(MeterRegistry registry) {
        this.counters = Stream.of(CONTENT_TYPE, CHARSET, TOO_LONG, LISTENER_FAILURE, ERROR)
                .collect(Collectors.toUnmodifiableMap(reason -> reason, reason -> Counter.builder(METER)
                        .description("Messages on this daemon's queue dropped unread, by reason")
                        .tag("reason", reason)
                        .register(registry)));
    }

    /** Counts and logs one message dropped unread; what to throw so that the container drops it. */
    RuntimeException rejected(String reason, String detail) {
        increment(reason);
        if (reports.firstReport(reason)) {
            log.warn(
                    "a message on the broker dropped unread: {} (not requeued; counted in {} reason={})",
                    detail,
                    METER,
                    reason);
        }
        return new Dropped(reason + ": " + detail);
    }

    /** Counts and logs what handling a message threw. */
    public void failed(Throwable failure) {
        increment(LISTENER_FAILURE);
        if (reports.firstReport(LISTENER_FAILURE)) {
            log.warn(
                    "a message on the broker failed in the listener: {} (not requeued; counted in {} reason={})",
                    Failures.mostSpecificMessage(failure),
                    METER,
                    LISTENER_FAILURE,
                    failure);
        }
    }

    /**
     * What the inbound adapter could not deliver: the rejections above (counted and logged
     * already), or a failure of the adapter itself, counted here. Its error flow ({@link
     * UnreadMessages}) tells this, and the container what escapes even that.
     */
    @Override
    public void handleError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof Dropped) {
                return;
            }
        }
        increment(LISTENER_FAILURE);
    }

    /** An {@link Error} out of the listener: never {@code System.exit}, as Spring AMQP's default does. */
    @Override
    public void handle(Error error) {
        increment(ERROR);
        if (reports.firstReport(ERROR)) {
            log.error(
                    "an Error while taking a message off the broker; the daemon goes on (counted in {} reason={})",
                    METER,
                    ERROR,
                    error);
        }
    }

    /** How many were dropped for this reason. */
    public double count(String reason) {
        return counters.get(reason).count();
    }

    private void increment(String reason) {
        counters.get(reason).increment();
    }

    /**
     * A message dropped, already counted and logged. An {@link ImmediateAcknowledgeAmqpException}:
     * quiet wherever it goes (the adapter's error flow, {@link UnreadMessages}, acknowledges it),
     * where a rejection would add two ERROR lines with a stack trace per message, unthrottled,
     * for whoever floods the queue.
     */
    private static final class Dropped extends ImmediateAcknowledgeAmqpException {

        Dropped(String message) {
            super(message);
        }
    }
}

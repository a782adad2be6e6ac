package org.eventdispatcher.dispatch.builtin;

import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.logrotate.LogRotateProperties;
import org.eventdispatcher.logrotate.LogRotation;
import org.eventdispatcher.protocol.message.Message;
import org.eventdispatcher.protocol.message.UnknownCommandException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LOG_ROTATE}, and {@code LOG}, its name before upstream renamed it (PROTOCOL.md d): reopen
 * the log files. No reply. The reopening is {@link LogRotation}'s, off the caller's thread and at
 * most once a second.
 *
 * <p>{@code LOG} is also snaplogger's log record: its network appenders send {@code LOG} with
 * (among others) a {@code timestamp} and a {@code message}, a record to store, not a request to
 * rotate. A {@code LOG} that carries a {@code message} is therefore not taken: it is answered
 * {@code UNKNOWN} as any command nobody handles, before its secret is looked at: a daemon fed such
 * records over a connection neither reopens its logs on each nor logs each as a bad secret. Over
 * UDP it is dropped as an unknown command is (the listener's secret, when set, is checked first,
 * as for every datagram).
 *
 * <p>When a secret is configured it guards the command on every transport, UDP and TCP alike:
 * a message without {@code secret_code} set to it is dropped and an error logged. Without a
 * secret, a message that carries one is accepted with a warning. The secret's value and the
 * value received are never logged.
 */
@MessageHandlers(priority = MessageHandlers.SYSTEM)
public class LogRotateCommand {

    private static final Logger log = LoggerFactory.getLogger(LogRotateCommand.class);

    /** {@code LOG_ROTATE}'s name before upstream renamed it, and snaplogger's log record's. */
    private static final String OLD_NAME = "LOG";
    /** The parameter snaplogger's {@code LOG.conf} requires: the record's text. */
    private static final String LOG_RECORD_TEXT = "message";

    private final LogRotation rotation;
    private final SecretCode secret;

    public LogRotateCommand(LogRotation rotation, LogRotateProperties properties) {
        this.rotation = rotation;
        this.secret = new SecretCode(properties.secret());
    }

    @OnCommand(value = "LOG_ROTATE", aliases = "LOG")
    void rotate(Message message, Peer from) {
        if (isLogRecord(message)) {
            throw new UnknownCommandException("a log record (LOG with a message), not a request to reopen the logs");
        }
        if (!allowed(message, from)) {
            return;
        }
        rotation.request(message.command(), from.address());
    }

    /** snaplogger's {@code LOG}: the old name of {@code LOG_ROTATE} never carried a {@code message}. */
    private static boolean isLogRecord(Message message) {
        return message.command().equals(OLD_NAME) && message.hasParameter(LOG_RECORD_TEXT);
    }

    private boolean allowed(Message message, Peer from) {
        if (!secret.isSet()) {
            if (message.hasParameter(Message.SECRET_CODE) && from.firstReport("log-rotate-unexpected-secret")) {
                log.warn(
                        "{} from {} carries a {} but none is configured: accepted",
                        message.command(),
                        from.address(),
                        Message.SECRET_CODE);
            }
            return true;
        }
        String problem = secret.problem(message);
        if (problem != null && from.firstReport("log-rotate-secret")) {
            log.error("{} from {} dropped: {}", message.command(), from.address(), problem);
        }
        return problem == null;
    }
}

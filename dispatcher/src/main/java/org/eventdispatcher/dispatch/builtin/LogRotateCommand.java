package org.eventdispatcher.dispatch.builtin;

import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.logrotate.LogRotateProperties;
import org.eventdispatcher.logrotate.LogRotation;
import org.eventdispatcher.protocol.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LOG_ROTATE}, and {@code LOG}, its name before upstream renamed it (PROTOCOL.md d): reopen
 * the log files. No reply. The reopening is {@link LogRotation}'s, off the caller's thread and at
 * most once a second.
 *
 * <p>When a secret is configured it guards the command on every transport, UDP and TCP alike:
 * a message without {@code secret_code} set to it is dropped and an error logged. Without a
 * secret, a message that carries one is accepted with a warning. The secret's value and the
 * value received are never logged.
 */
@MessageHandlers(priority = MessageHandlers.SYSTEM)
public class LogRotateCommand {

    private static final Logger log = LoggerFactory.getLogger(LogRotateCommand.class);

    private final LogRotation rotation;
    private final SecretCode secret;

    public LogRotateCommand(LogRotation rotation, LogRotateProperties properties) {
        this.rotation = rotation;
        this.secret = new SecretCode(properties.secret());
    }

    @OnCommand(value = "LOG_ROTATE", aliases = "LOG")
    void rotate(Message message, Peer from) {
        if (!allowed(message, from)) {
            return;
        }
        rotation.request(message.command(), from.address());
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

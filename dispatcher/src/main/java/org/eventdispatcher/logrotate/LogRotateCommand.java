package org.eventdispatcher.logrotate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

import org.eventdispatcher.dispatch.MessageHandlers;
import org.eventdispatcher.dispatch.OnCommand;
import org.eventdispatcher.dispatch.Peer;
import org.eventdispatcher.protocol.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * {@code LOG_ROTATE}, and {@code LOG}, its name before upstream renamed it (PROTOCOL.md d): reopen
 * the log files. No reply.
 *
 * <p>When a secret is configured it guards the command on every transport, UDP and TCP alike:
 * a message without {@code secret_code} set to it is dropped and an error logged. Without a
 * secret, a message that carries one is accepted with a warning. The secret's value and the
 * value received are never logged.
 */
@MessageHandlers(priority = MessageHandlers.SYSTEM)
public class LogRotateCommand {

    private static final Logger log = LoggerFactory.getLogger(LogRotateCommand.class);

    static final String SECRET_PARAMETER = "secret_code";

    private final LogFiles logFiles;
    private final byte[] secret;
    private final ApplicationEventPublisher events;

    public LogRotateCommand(LogFiles logFiles, LogRotateProperties properties, ApplicationEventPublisher events) {
        this.logFiles = logFiles;
        this.secret = properties.secret().getBytes(StandardCharsets.UTF_8);
        this.events = events;
    }

    @OnCommand(value = "LOG_ROTATE", aliases = "LOG")
    void rotate(Message message, Peer from) {
        if (!allowed(message, from)) {
            return;
        }
        List<String> files = logFiles.reopen();
        log.info("{} from {}: reopened {} log file(s) {}", message.command(), from.address(), files.size(), files);
        events.publishEvent(new LogFilesReopened(files, from.address()));
    }

    private boolean allowed(Message message, Peer from) {
        Optional<String> given = message.parameter(SECRET_PARAMETER);
        if (secret.length == 0) {
            if (given.isPresent() && from.firstReport("log-rotate-unexpected-secret")) {
                log.warn("{} from {} carries a {} but none is configured: accepted", message.command(),
                        from.address(), SECRET_PARAMETER);
            }
            return true;
        }
        // compared in constant time, so that timing does not tell how much of a guess was right
        if (given.isPresent() && MessageDigest.isEqual(secret, given.get().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        if (from.firstReport("log-rotate-secret")) {
            log.error("{} from {} dropped: {} {}", message.command(), from.address(), SECRET_PARAMETER,
                    given.isPresent() ? "does not match" : "is missing");
        }
        return false;
    }
}

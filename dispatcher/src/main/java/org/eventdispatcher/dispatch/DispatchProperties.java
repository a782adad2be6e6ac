package org.eventdispatcher.dispatch;

import java.nio.file.Path;
import java.util.List;
import org.eventdispatcher.protocol.contract.MessageDefinitions;
import org.eventdispatcher.protocol.message.MessageCodec;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How messages are dispatched ({@code eventdispatcher.dispatch.*}).
 *
 * @param trace         log every message received, with its peer (the {@code --trace} option)
 * @param replyInvalid  answer an unparseable line with {@code INVALID} (PROTOCOL.md b.2 [EXT]);
 *                      false is strict upstream: log and drop
 * @param systemCommands handle the built-in commands ({@code HELP}, {@code ALIVE}, ...; b.3)
 * @param maxParameters most parameters read in one message, text or JSON form (a name given twice
 *                      counts twice); a line with more is answered
 *                      {@code INVALID message=TOO_MANY_PARAMETERS: ...} and dropped, so that no line
 *                      costs much to read on a thread that serves other peers too
 * @param messageDefinitions the directories of message definition files, {@code DIR[:DIR...]}
 *                      (upstream's {@code --path-to-message-definitions}), read at start: the
 *                      first file found for a command is its contract (PROTOCOL.md g.12); the
 *                      application's and the library's own definitions come after them
 */
@ConfigurationProperties("eventdispatcher.dispatch")
public record DispatchProperties(
        @DefaultValue("false") boolean trace,
        @DefaultValue("true") boolean replyInvalid,
        @DefaultValue("true") boolean systemCommands,
        @DefaultValue("1000") int maxParameters,

        @DefaultValue(MessageDefinitions.DEFAULT_DIRECTORIES)
        String messageDefinitions) {

    @ConstructorBinding
    public DispatchProperties {
        if (maxParameters < 1) {
            throw new IllegalArgumentException(
                    "eventdispatcher.dispatch.max-parameters must be 1 or more, not " + maxParameters);
        }
    }

    /**
     * With the default cap on parameters ({@link MessageCodec#DEFAULT_MAX_PARAMETERS}) and
     * definition directories ({@link MessageDefinitions#DEFAULT_DIRECTORIES}).
     */
    public DispatchProperties(boolean trace, boolean replyInvalid, boolean systemCommands) {
        this(trace, replyInvalid, systemCommands, MessageCodec.DEFAULT_MAX_PARAMETERS);
    }

    /** With the default definition directories ({@link MessageDefinitions#DEFAULT_DIRECTORIES}). */
    public DispatchProperties(boolean trace, boolean replyInvalid, boolean systemCommands, int maxParameters) {
        this(trace, replyInvalid, systemCommands, maxParameters, MessageDefinitions.DEFAULT_DIRECTORIES);
    }

    /** The definition directories, in the order they are searched. */
    public List<Path> definitionDirectories() {
        return MessageDefinitions.directories(messageDefinitions);
    }
}

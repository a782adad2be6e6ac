package org.eventdispatcher.protocol.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eventdispatcher.protocol.message.MessageNames;

/**
 * Every message contract a daemon knows, loaded once at start: upstream's
 * {@code --path-to-message-definitions} directories in order, then the definitions found on the
 * class path (the application's, then the library's own). The first file found for a command wins;
 * later ones are not read (as upstream). A command without a file has no contract.
 *
 * <p>Upstream reads a command's file at its first dispatch; here every file is read at start, so
 * a broken one stops the daemon before it serves anyone.
 */
public final class MessageDefinitions {

    /** Upstream's default for {@code --path-to-message-definitions}. */
    public static final String DEFAULT_DIRECTORIES = "/usr/share/eventdispatcher/messages";

    /** Where applications put definitions in their jars: {@code META-INF/eventdispatcher/messages/DAD.conf}. */
    public static final String APPLICATION_RESOURCES = "META-INF/eventdispatcher/messages/";

    /** Where the library's own definitions lie in this jar. */
    public static final String LIBRARY_RESOURCES = "org/eventdispatcher/protocol/contract/messages/";

    /** The commands the library defines (upstream's own thirteen files). */
    public static final List<String> LIBRARY_COMMANDS = List.of(
            "ABSOLUTELY",
            "ALIVE",
            "COMMANDS",
            "HELP",
            "INVALID",
            "LEAK",
            "LOG_ROTATE",
            "QUITTING",
            "READY",
            "RESTART",
            "SERVICE_UNAVAILABLE",
            "STOP",
            "UNKNOWN");

    private final Map<String, MessageContract> contracts;

    private MessageDefinitions(Map<String, MessageContract> contracts) {
        this.contracts = Map.copyOf(contracts);
    }

    /** A file to read: where it is, and how to open it. */
    public record Source(String command, String location, Opener opener) {

        /** Opens the file's text. */
        @FunctionalInterface
        public interface Opener {
            InputStream open() throws IOException;
        }

        /**
         * @throws DefinitionException naming the file and line of its first problem, or the file
         *                             alone when it cannot be read
         */
        public MessageContract read() {
            try (Reader text = new InputStreamReader(opener.open(), StandardCharsets.UTF_8)) {
                return DefinitionFile.read(command, location, text);
            } catch (IOException e) {
                throw new DefinitionException(location, 0, "cannot be read: " + e.getMessage());
            }
        }

        /** {@code <dir>/<COMMAND>.conf}. */
        public static Source of(Path file) {
            String name = file.getFileName().toString();
            return new Source(
                    name.substring(0, name.length() - DefinitionFile.SUFFIX.length()),
                    file.toString(),
                    () -> Files.newInputStream(file));
        }
    }

    /**
     * Loads the first file of each command, directories first, then {@code classPathSources} (in
     * the order given), then the library's own.
     *
     * @param directories missing ones are skipped: upstream's default rarely exists
     * @throws DefinitionException naming the first file that cannot be read as a definition
     */
    public static MessageDefinitions load(List<Path> directories, List<Source> classPathSources) {
        Map<String, Source> first = new LinkedHashMap<>();
        for (Path directory : directories) {
            filesIn(directory).stream()
                    // upstream opens only <COMMAND>.conf: a stray readme.conf is none of its business
                    .filter(source -> MessageNames.isValidCommand(source.command()))
                    .forEach(source -> first.putIfAbsent(source.command(), source));
        }
        classPathSources.forEach(source -> first.putIfAbsent(source.command(), source));
        library().forEach(source -> first.putIfAbsent(source.command(), source));
        Map<String, MessageContract> contracts = new TreeMap<>();
        first.forEach((command, source) -> contracts.put(command, source.read()));
        return new MessageDefinitions(contracts);
    }

    /** The library's own definitions only. */
    public static MessageDefinitions ofLibrary() {
        return load(List.of(), List.of());
    }

    /** Splits upstream's {@code DIR[:DIR...]}; empty entries are dropped. */
    public static List<Path> directories(String colonSeparated) {
        return Arrays.stream(colonSeparated.split(":"))
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(Path::of)
                .toList();
    }

    /** Every {@code *.conf} of one directory, by name; none when it does not exist. */
    public static List<Source> filesIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(DefinitionFile.SUFFIX))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .map(Source::of)
                    .toList();
        } catch (IOException e) {
            throw new DefinitionException(directory.toString(), 0, "cannot be listed: " + e.getMessage());
        }
    }

    private static List<Source> library() {
        List<Source> sources = new ArrayList<>(LIBRARY_COMMANDS.size());
        for (String command : LIBRARY_COMMANDS) {
            String resource = LIBRARY_RESOURCES + command + DefinitionFile.SUFFIX;
            sources.add(new Source(command, "classpath:" + resource, () -> {
                InputStream in = MessageDefinitions.class.getClassLoader().getResourceAsStream(resource);
                if (in == null) {
                    throw new IOException("not in the jar");
                }
                return in;
            }));
        }
        return sources;
    }

    /** The contract of {@code command}, if a file defines it. */
    public Optional<MessageContract> find(String command) {
        return Optional.ofNullable(contracts.get(command));
    }

    /** Every contract loaded, by command. */
    public Map<String, MessageContract> all() {
        return contracts;
    }
}

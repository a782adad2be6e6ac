package org.eventdispatcher.protocol.contract;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eventdispatcher.protocol.message.MessageNames;

/**
 * Reads one message definition file, {@code <COMMAND>.conf}, in upstream's format (advgetopt's
 * {@code .conf}): {@code #} and {@code ;} comment lines, a {@code [section]} per parameter (dashes
 * become underscores), {@code name = value} lines, a trailing {@code \} continuing a line.
 * Only {@code type} and {@code flags} mean something; every other key is documentation and, as
 * upstream, accepted whatever its name ({@code description} is kept).
 *
 * <pre>
 * [timestamp]
 * description = when the message was sent
 * type = timespec
 * flags = optional
 * </pre>
 */
public final class DefinitionFile {

    /** The file name's ending: {@code ALIVE.conf} defines {@code ALIVE}. */
    public static final String SUFFIX = ".conf";

    /** Longest file read: upstream's largest is under 2 KiB; this bounds what a stray file can cost. */
    public static final int MAX_CHARS = 1 << 20;

    private DefinitionFile() {}

    /**
     * @param command the command it defines (its file name without {@link #SUFFIX})
     * @param source  the file's path or resource name, for messages
     * @throws DefinitionException naming {@code source} and the line of the first problem
     */
    public static MessageContract read(String command, String source, Reader text) throws IOException {
        if (!MessageNames.isValidCommand(command)) {
            throw new DefinitionException(
                    source,
                    0,
                    "\"" + command + "\" is not a command name (A-Z, 0-9 and _): not a definition file name");
        }
        Map<String, Section> sections = new LinkedHashMap<>();
        Section current = null;
        List<String> lines = boundedText(text, source).lines().toList();
        for (int index = 0; index < lines.size(); index++) {
            int firstLine = index + 1;
            String line = lines.get(index);
            if (line.endsWith("\\")) {
                StringBuilder joined = new StringBuilder(line);
                while (!joined.isEmpty() && joined.charAt(joined.length() - 1) == '\\' && index + 1 < lines.size()) {
                    joined.setLength(joined.length() - 1);
                    joined.append(lines.get(++index));
                }
                line = joined.toString();
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                current = sections.computeIfAbsent(sectionName(trimmed, source, firstLine), Section::new);
                continue;
            }
            int equal = trimmed.indexOf('=');
            if (equal <= 0) {
                throw new DefinitionException(source, firstLine, "expected [parameter] or name = value");
            }
            if (current == null) {
                throw new DefinitionException(source, firstLine, "a value before the first [parameter]");
            }
            current.set(
                    trimmed.substring(0, equal).strip(),
                    unquoted(trimmed.substring(equal + 1).strip()),
                    firstLine);
        }
        List<ParameterRule> rules = new ArrayList<>(sections.size());
        for (Section section : sections.values()) {
            rules.add(section.rule(source));
        }
        return new MessageContract(command, rules, source);
    }

    /** The whole text, refused past {@link #MAX_CHARS} before more is read: no line or file read unbounded. */
    private static String boundedText(Reader text, String source) throws IOException {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[8192];
        int read;
        while ((read = text.read(buffer)) >= 0) {
            all.append(buffer, 0, read);
            if (all.length() > MAX_CHARS) {
                throw new DefinitionException(source, 0, "longer than " + MAX_CHARS + " characters");
            }
        }
        return all.toString();
    }

    private static String sectionName(String header, String source, int line) {
        if (!header.endsWith("]")) {
            throw new DefinitionException(source, line, "a [parameter] line without its ']'");
        }
        String name = header.substring(1, header.length() - 1).strip().replace('-', '_');
        if (!MessageNames.isValidParameterName(name)) {
            throw new DefinitionException(
                    source, line, "[" + name + "] is not a parameter name (a-z, A-Z, 0-9, _ and -)");
        }
        return name;
    }

    private static String unquoted(String value) {
        if (value.length() >= 2
                && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                && value.charAt(value.length() - 1) == value.charAt(0)) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /** One [parameter]: the last value of a key counts, as in advgetopt. */
    private static final class Section {

        private final String name;
        private String type;
        private int typeLine;
        private String flags;
        private int flagsLine;
        private String description = "";

        Section(String name) {
            this.name = name;
        }

        void set(String key, String value, int line) {
            switch (key) {
                case "type" -> {
                    type = value;
                    typeLine = line;
                }
                case "flags" -> {
                    flags = value;
                    flagsLine = line;
                }
                case "description" -> description = value;
                default -> {
                    // documentation or a misspelt key: upstream reads only type and flags
                }
            }
        }

        ParameterRule rule(String source) {
            ParameterType parameterType;
            try {
                parameterType = type == null ? ParameterType.STRING : ParameterType.ofFileName(type);
            } catch (IllegalArgumentException e) {
                throw new DefinitionException(source, typeLine, "[" + name + "]: " + e.getMessage());
            }
            if (flags == null) {
                return ParameterRule.ofDefaultFlags(name, parameterType, description);
            }
            boolean required = false;
            boolean empty = false;
            boolean forbidden = false;
            for (String flag : flags.split(",")) {
                switch (flag.strip()) {
                    case "required" -> required = true;
                    case "empty" -> empty = true;
                    case "forbidden" -> forbidden = true;
                    case "optional", "defined", "allowed", "" -> {
                        // accepted by upstream, and meaning nothing
                    }
                    default ->
                        throw new DefinitionException(
                                source,
                                flagsLine,
                                "[" + name + "]: flag \"" + flag.strip()
                                        + "\" is not one of required, empty, forbidden, optional, defined, allowed");
                }
            }
            return new ParameterRule(name, parameterType, required, empty, forbidden, description);
        }
    }
}

package org.eventdispatcher.daemon;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;

/**
 * Reads a configuration file in the C++ daemons' format ({@code server.conf}, {@code client.conf}):
 * {@code name=value} lines, {@code #} comments, the option names of the command line without
 * their dashes ({@code listen=127.0.0.1:3001}, {@code log_rotate_secret=...}; {@code _} and
 * {@code -} alike). Each option becomes the Spring property behind it; a name holding a dot is
 * taken as a Spring property as it is.
 */
final class UpstreamConfFile {

    /**
     * The upstream option names a configuration file may hold. Daemon-specific names are all here:
     * a server ignores {@code eventdispatcher.client.*} and the client the server's.
     */
    static final Map<String, String> OPTIONS = options();

    private UpstreamConfFile() {}

    private static Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("listen", "eventdispatcher.server.listen");
        options.put("server", "eventdispatcher.client.server");
        options.put("log-rotate-listen", "eventdispatcher.log-rotate.listen");
        options.put("logrotate-listen", "eventdispatcher.log-rotate.listen");
        options.put("log-rotate-secret", "eventdispatcher.log-rotate.secret");
        options.put("logrotate-secret", "eventdispatcher.log-rotate.secret");
        for (DaemonCommandLine.Option option : DaemonCommandLine.COMMON) {
            option.names().stream()
                    .filter(name -> name.startsWith("--"))
                    .forEach(name -> options.put(name.substring(2), option.property()));
        }
        return Map.copyOf(options);
    }

    /**
     * @param where the file, as error messages name it
     * @throws IllegalStateException naming the file and line of anything that is not an option
     */
    static Map<String, Object> read(String where, List<String> lines) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            int equal = line.indexOf('=');
            String name = (equal < 0 ? line : line.substring(0, equal)).strip();
            String value =
                    equal < 0 ? "true" : unquote(line.substring(equal + 1).strip()); // a bare flag: trace
            properties.put(property(name, where, i + 1), value);
        }
        return properties;
    }

    /** A configuration resource as error messages name it: its path when it is a file. */
    static String where(Resource resource) throws IOException {
        return resource.isFile() ? resource.getFile().toString() : resource.getDescription();
    }

    private static String property(String name, String where, int line) {
        if (name.contains(".")) {
            return name; // a Spring property, e.g. eventdispatcher.server.max-connections
        }
        String property = OPTIONS.get(name.replace('_', '-'));
        if (property == null) {
            throw new IllegalStateException(where + " line " + line + ": unknown option \"" + name + "\" (known: "
                    + String.join(", ", OPTIONS.keySet().stream().sorted().toList())
                    + ", or any Spring property name with dots)");
        }
        return property;
    }

    private static String unquote(String value) {
        if (value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}

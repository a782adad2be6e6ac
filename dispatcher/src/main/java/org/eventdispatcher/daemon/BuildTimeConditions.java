package org.eventdispatcher.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What decided which beans a daemon's context holds. Spring AOT builds the context once, at
 * package time, and fixes there every condition that reads a property: a jar started with the
 * context generated then ({@code -Dspring.aot.enabled=true}, as the launchers do) would ignore a
 * property that turns a part on or off at run time. The values recorded at build time, compared
 * with those of the run ({@link GeneratedContextCheck}), say whether the generated context still
 * fits.
 *
 * <p>Covered: every property a condition of this library reads ({@code BuildTimeConditionsTest}
 * checks the auto-configurations for any that is missing), and those of Spring Boot's that decide
 * which management beans and contexts exist. A value that differs costs only the faster start.
 */
public final class BuildTimeConditions {

    /** Where the build records them: written by {@link BuildTimeConditionsRecorder}, read at start. */
    public static final String RESOURCE = "META-INF/eventdispatcher/build-time-conditions.properties";

    /** Only whether they are set: the value (an address) is read at run time. */
    static final List<String> PRESENCE = List.of(
            "eventdispatcher.server.listen", "eventdispatcher.client.server", "eventdispatcher.client.broker-peer");

    /** Switches, with the default their condition assumes when unset. */
    static final Map<String, Boolean> SWITCHES = Map.of(
            "eventdispatcher.broker.enabled", false,
            "eventdispatcher.log-rotate.enabled", true,
            "eventdispatcher.dispatch.system-commands", true);

    /** Every property under these, by its exact value: endpoints, health groups, meters, JMX, main settings. */
    static final List<String> PREFIXES = List.of(
            "management.endpoint",
            "management.endpoints",
            "management.health",
            "management.metrics.enable",
            "spring.jmx",
            "spring.main",
            "spring.autoconfigure",
            "spring.profiles");

    private BuildTimeConditions() {}

    /** The values that decide the context, by name, in a stable order. */
    public static SortedMap<String, String> of(Environment environment) {
        SortedMap<String, String> conditions = new TreeMap<>();
        for (String name : PRESENCE) {
            String value = environment.getProperty(name);
            conditions.put(name, value == null || value.isBlank() ? "unset" : "set");
        }
        SWITCHES.forEach((name, unset) ->
                conditions.put(name, String.valueOf(environment.getProperty(name, Boolean.class, unset))));
        conditions.put("management.server.port", managementPort(environment));
        Binder binder = Binder.get(environment);
        for (String prefix : PREFIXES) {
            binder.bind(prefix, Bindable.mapOf(String.class, String.class))
                    .ifBound(values -> values.forEach((name, value) -> conditions.put(prefix + "." + name, value)));
        }
        return conditions;
    }

    /** Spring Boot's reading: a management server of its own, the application's, or none. */
    private static String managementPort(Environment environment) {
        Integer management = environment.getProperty("management.server.port", Integer.class);
        Integer server = environment.getProperty("server.port", Integer.class, 8080);
        if (management == null || (management != 0 && management.equals(server))) {
            return "same";
        }
        return management < 0 ? "disabled" : "different";
    }

    /** The differences, one phrase each ("x is a here, b at build time"); empty when none. */
    public static List<String> differences(Map<String, String> built, Map<String, String> now) {
        TreeSet<String> names = new TreeSet<>(built.keySet());
        names.addAll(now.keySet());
        return names.stream()
                .filter(name -> !Objects.equals(built.get(name), now.get(name)))
                .map(name ->
                        name + " is " + shown(now.get(name)) + " here, " + shown(built.get(name)) + " at build time")
                .toList();
    }

    private static String shown(String value) {
        return value == null ? "unset" : value;
    }

    static String write(Map<String, String> conditions) {
        Properties properties = new Properties();
        properties.putAll(conditions);
        StringWriter out = new StringWriter();
        try {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // sorted and without the date store() writes first, so that the same build makes the same file
        return out.toString()
                .lines()
                .filter(line -> !line.startsWith("#"))
                .sorted()
                .collect(Collectors.joining(
                        "\n", "# what decided the generated context's beans (BuildTimeConditions)\n", "\n"));
    }

    /** The recorded values, or null when the jar holds none (it was built without Spring AOT). */
    static Map<String, String> read(ClassLoader classLoader) {
        try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return null;
            }
            Properties properties = new Properties();
            properties.load(in);
            Map<String, String> conditions = new TreeMap<>();
            properties.stringPropertyNames().forEach(name -> conditions.put(name, properties.getProperty(name)));
            return conditions;
        } catch (IOException e) {
            return null;
        }
    }
}

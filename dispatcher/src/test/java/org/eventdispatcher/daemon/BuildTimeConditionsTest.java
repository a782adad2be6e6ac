package org.eventdispatcher.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.mock.env.MockEnvironment;

/**
 * What a generated context was built for, and the start that falls back to the ordinary context
 * when a run's configuration differs from it.
 */
class BuildTimeConditionsTest {

    @TempDir
    Path classes;

    @AfterEach
    void clearAotFlag() {
        System.clearProperty(AotDetector.AOT_ENABLED);
    }

    @Test
    void recordsPresenceSwitchesWithTheirDefaultsManagementPortAndExactValuesUnderThePrefixes() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("eventdispatcher.server.listen", "127.0.0.1:3001")
                .withProperty("eventdispatcher.client.broker-peer", " ")
                .withProperty("eventdispatcher.broker.enabled", "true")
                .withProperty("server.port", "-1")
                .withProperty("management.server.port", "3011")
                .withProperty("management.endpoints.web.exposure.include", "health,info");

        Map<String, String> conditions = BuildTimeConditions.of(environment);

        assertThat(conditions)
                .containsEntry("eventdispatcher.server.listen", "set")
                .containsEntry("eventdispatcher.client.server", "unset")
                .containsEntry("eventdispatcher.client.broker-peer", "unset")
                .containsEntry("eventdispatcher.broker.enabled", "true")
                .containsEntry("eventdispatcher.log-rotate.enabled", "true")
                .containsEntry("management.server.port", "different")
                .containsEntry("management.endpoints.web.exposure.include", "health,info")
                .doesNotContainKey("server.port");
    }

    @Test
    void managementPortIsReadAsSpringBootDoes() {
        assertThat(port(new MockEnvironment())).isEqualTo("same");
        assertThat(port(new MockEnvironment().withProperty("management.server.port", "8080")))
                .isEqualTo("same");
        assertThat(port(new MockEnvironment().withProperty("management.server.port", "-1")))
                .isEqualTo("disabled");
        assertThat(port(new MockEnvironment().withProperty("management.server.port", "0")))
                .isEqualTo("different");
    }

    @Test
    void aDifferenceNamesThePropertyWithBothValues() {
        Map<String, String> built =
                Map.of("eventdispatcher.log-rotate.enabled", "true", "spring.main.keep-alive", "true");
        Map<String, String> now = Map.of(
                "eventdispatcher.log-rotate.enabled",
                "false",
                "management.endpoints.web.exposure.include",
                "*",
                "spring.main.keep-alive",
                "true");

        assertThat(BuildTimeConditions.differences(built, now))
                .containsExactly(
                        "eventdispatcher.log-rotate.enabled is false here, true at build time",
                        "management.endpoints.web.exposure.include is * here, unset at build time");
        assertThat(BuildTimeConditions.differences(built, built)).isEmpty();
    }

    @Test
    void whatIsWrittenReadsBackTheSameAndIsTheSameForTheSameValues() throws IOException {
        Map<String, String> conditions = BuildTimeConditions.of(new MockEnvironment()
                .withProperty("spring.autoconfigure.exclude", "a.B,c.D")
                .withProperty("management.endpoints.web.exposure.include", "health:info=x"));

        String written = BuildTimeConditions.write(conditions);

        assertThat(BuildTimeConditions.write(conditions)).isEqualTo(written);
        assertThat(BuildTimeConditions.read(loaderWith(written))).isEqualTo(conditions);
        assertThat(BuildTimeConditions.read(getClass().getClassLoader())).isNull();
    }

    @Test
    void aStartWhoseConfigurationMatchesTheBuildKeepsTheGeneratedContext() throws IOException {
        MockEnvironment environment = new MockEnvironment();
        System.setProperty(AotDetector.AOT_ENABLED, "true");

        check(environment, BuildTimeConditions.write(BuildTimeConditions.of(environment)));

        assertThat(AotDetector.useGeneratedArtifacts()).isTrue();
    }

    @Test
    void aStartWhoseConfigurationDiffersFromTheBuildMakesTheOrdinaryContext() throws IOException {
        String built = BuildTimeConditions.write(BuildTimeConditions.of(new MockEnvironment()));
        System.setProperty(AotDetector.AOT_ENABLED, "true");

        check(new MockEnvironment().withProperty("eventdispatcher.log-rotate.enabled", "false"), built);

        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
    }

    @Test
    void aJarBuiltWithoutSpringAotStartsTheOrdinaryWay() {
        System.setProperty(AotDetector.AOT_ENABLED, "true");
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(getClass().getClassLoader()));

        new GeneratedContextCheck(destination -> destination.get())
                .postProcessEnvironment(new MockEnvironment(), application);

        assertThat(AotDetector.useGeneratedArtifacts()).isFalse();
    }

    /** A condition added to an auto-configuration without its property here would go unnoticed at run time. */
    @Test
    void everyPropertyAConditionOfTheLibraryReadsIsRecorded() {
        List<String> read = new ArrayList<>();
        for (String name :
                ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader())) {
            if (name.startsWith("org.eventdispatcher.")) {
                collect(load(name), read);
            }
        }

        assertThat(read).contains("eventdispatcher.broker.enabled", "eventdispatcher.client.broker-peer");
        assertThat(read).allSatisfy(name -> assertThat(recorded(name)).as(name).isTrue());
    }

    private static void collect(Class<?> type, List<String> properties) {
        Stream.of(Stream.of((AnnotatedElement) type), Arrays.stream(type.getDeclaredMethods()))
                .flatMap(s -> s)
                .flatMap(element -> Arrays.stream(element.getDeclaredAnnotations()))
                .forEach(annotation -> properties.addAll(read(annotation)));
        for (Class<?> nested : type.getDeclaredClasses()) {
            collect(nested, properties);
        }
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)");

    /** Conditions that read no property; any other kind must be taught to this test. */
    private static final Set<String> NO_PROPERTY = Set.of(
            "ConditionalOnClass",
            "ConditionalOnMissingClass",
            "ConditionalOnBean",
            "ConditionalOnMissingBean",
            "ConditionalOnSingleCandidate",
            "ConditionalOnWebApplication");

    private static List<String> read(Annotation annotation) {
        String kind = annotation.annotationType().getSimpleName();
        if (annotation instanceof ConditionalOnProperty property) {
            return names(property.prefix(), property.name().length > 0 ? property.name() : property.value());
        }
        if (annotation instanceof ConditionalOnBooleanProperty property) {
            return names(property.prefix(), property.name().length > 0 ? property.name() : property.value());
        }
        if (annotation instanceof ConditionalOnExpression expression) {
            List<String> names = new ArrayList<>();
            Matcher placeholder = PLACEHOLDER.matcher(expression.value());
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
            return names;
        }
        if (kind.equals("ConditionalOnEnabledHealthIndicator")) {
            return List.of("management.health.any.enabled");
        }
        if (kind.equals("ConditionalOnAvailableEndpoint")) {
            return List.of("management.endpoints.web.exposure.include", "management.endpoint.any.access");
        }
        assertThat(!kind.startsWith("ConditionalOn") || NO_PROPERTY.contains(kind))
                .as("a condition this test cannot read: " + kind)
                .isTrue();
        return List.of();
    }

    private static List<String> names(String prefix, String[] names) {
        return Arrays.stream(names)
                .map(name -> prefix.isEmpty() ? name : prefix + "." + name)
                .toList();
    }

    private static boolean recorded(String name) {
        return BuildTimeConditions.PRESENCE.contains(name)
                || BuildTimeConditions.SWITCHES.containsKey(name)
                || BuildTimeConditions.PREFIXES.stream().anyMatch(prefix -> name.startsWith(prefix + "."));
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static String port(MockEnvironment environment) {
        return BuildTimeConditions.of(environment).get("management.server.port");
    }

    private void check(MockEnvironment environment, String built) throws IOException {
        SpringApplication application = new SpringApplication();
        application.setResourceLoader(new DefaultResourceLoader(loaderWith(built)));
        new GeneratedContextCheck(destination -> destination.get()).postProcessEnvironment(environment, application);
    }

    private ClassLoader loaderWith(String conditions) throws IOException {
        Path file = classes.resolve(BuildTimeConditions.RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, conditions);
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
    }
}

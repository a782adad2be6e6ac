package org.eventdispatcher.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No daemon reads a Java object off the wire: no main source of any module names a Java
 * deserializer (Spring AMQP's converters that deserialize, {@code ObjectInputStream} and the
 * like). The broker's own converter is checked in a running context by {@link HostileBrokerInputTest}.
 */
class NoJavaDeserializationTest {

    /** What turns bytes from a peer into Java objects of the peer's choosing. */
    private static final List<String> DESERIALIZERS = List.of(
            "ObjectInputStream",
            "SimpleMessageConverter",
            "SerializerMessageConverter",
            "SerializationUtils.deserialize",
            "XMLDecoder",
            "enableDefaultTyping",
            "activateDefaultTyping");

    /** Each main source file of the project's modules naming a deserializer, with the name. */
    static List<String> deserializersIn(Path projectRoot) throws IOException {
        try (Stream<Path> modules = Files.list(projectRoot)) {
            return modules.map(module -> module.resolve("src/main"))
                    .filter(Files::isDirectory)
                    .flatMap(NoJavaDeserializationTest::sources)
                    .flatMap(source -> {
                        String text = read(source);
                        return DESERIALIZERS.stream()
                                .filter(text::contains)
                                .map(name -> projectRoot.relativize(source) + ": " + name);
                    })
                    .toList();
        }
    }

    private static Stream<Path> sources(Path main) {
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(file -> file.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noModulesMainCodeNamesAJavaDeserializer() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent(); // tests run in the module's directory
        assertThat(root.resolve("dispatcher/src/main")).as("the project root").isDirectory();
        assertThat(deserializersIn(root)).isEmpty();
    }

    @Test
    void aDeserializerInAnyModulesMainCodeIsFound(@TempDir Path root) throws IOException {
        Path daemon = Files.createDirectories(root.resolve("some-service/src/main/java/org/example"));
        Files.writeString(
                daemon.resolve("Reader.java"),
                "class Reader { Object read(java.io.InputStream in) throws Exception {"
                        + " return new java.io.ObjectInputStream(in).readObject(); } }");
        Files.writeString(
                daemon.resolve("Config.java"),
                "class Config { Object converter ="
                        + " new org.springframework.amqp.support.converter.SimpleMessageConverter(); }");
        Path test = Files.createDirectories(root.resolve("some-service/src/test/java/org/example"));
        Files.writeString(test.resolve("ReaderTest.java"), "class ReaderTest { java.io.ObjectInputStream in; }");

        assertThat(deserializersIn(root))
                .containsExactlyInAnyOrder(
                        "some-service/src/main/java/org/example/Reader.java: ObjectInputStream",
                        "some-service/src/main/java/org/example/Config.java: SimpleMessageConverter");
    }
}

package org.eventdispatcher.protocol.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eventdispatcher.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a command's definition comes from: directories in order, then the class path, the library's last. */
class MessageDefinitionsTest {

    @TempDir
    Path first;

    @TempDir
    Path second;

    private static void write(Path directory, String file, String text) throws IOException {
        Files.writeString(directory.resolve(file), text);
    }

    private static MessageDefinitions.Source resource(String command, String text) {
        return new MessageDefinitions.Source(
                command,
                "classpath:" + command + ".conf",
                () -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theFirstDirectoryHoldingACommandsFileWins() throws IOException {
        write(first, "SET.conf", "[name]\nflags = required\n");
        write(second, "SET.conf", "[other]\n");
        write(second, "GET.conf", "[key]\n");
        MessageContract set = MessageDefinitions.load(List.of(first, second), List.of())
                .find("SET")
                .orElseThrow();
        assertThat(set.source()).isEqualTo(first.resolve("SET.conf").toString());
        assertThat(set.rules()).extracting(ParameterRule::name).containsExactly("name");
        assertThat(MessageDefinitions.load(List.of(first, second), List.of()).find("GET"))
                .isPresent();
    }

    @Test
    void aLaterFileHiddenByAnEarlierOneIsNotRead() throws IOException {
        write(first, "SET.conf", "[name]\n");
        write(second, "SET.conf", "[name]\ntype = float\n");
        assertThat(MessageDefinitions.load(List.of(first, second), List.of()).find("SET"))
                .isPresent();
        assertThatThrownBy(() -> MessageDefinitions.load(List.of(second), List.of()))
                .isInstanceOf(DefinitionException.class)
                .hasMessageStartingWith(second.resolve("SET.conf") + ":2: [name]: parameter type \"float\"");
    }

    @Test
    void missingDirectoriesAreSkipped() throws IOException {
        write(second, "SET.conf", "[name]\n");
        MessageDefinitions definitions = MessageDefinitions.load(
                List.of(first.resolve("absent"), Path.of("/nonexistent/eventdispatcher"), second), List.of());
        assertThat(definitions.find("SET")).isPresent();
    }

    @Test
    void aConfFileNotNamedAfterACommandIsNotOpened() throws IOException {
        write(first, "SET.conf", "[name]\n");
        write(first, "readme.conf", "not a definition [\n"); // upstream never opens it either
        assertThat(MessageDefinitions.load(List.of(first), List.of()).all())
                .containsKey("SET")
                .doesNotContainKey("readme");
    }

    @Test
    void onlyConfFilesAreRead() throws IOException {
        write(first, "SET.conf", "[name]\n");
        write(first, "README", "not a definition [\n");
        write(first, "GET.conf~", "a backup [\n");
        Files.createDirectory(first.resolve("DIR.conf"));
        assertThat(MessageDefinitions.load(List.of(first), List.of()).all())
                .containsKey("SET")
                .doesNotContainKeys("README", "GET", "DIR");
    }

    @Test
    void directoriesComeBeforeTheClassPathAndTheLibraryComesLast() throws IOException {
        write(first, "ALIVE.conf", "# this daemon's ALIVE takes anything\n");
        MessageDefinitions definitions = MessageDefinitions.load(
                List.of(first),
                List.of(resource("ALIVE", "[never]\n"), resource("READY", "[who]\n"), resource("SET", "[name]\n")));
        assertThat(definitions.find("ALIVE").orElseThrow().rules()).isEmpty();
        assertThat(definitions.find("READY").orElseThrow().source()).isEqualTo("classpath:READY.conf");
        assertThat(definitions.find("SET")).isPresent();
        assertThat(definitions.find("STOP").orElseThrow().source())
                .isEqualTo("classpath:" + MessageDefinitions.LIBRARY_RESOURCES + "STOP.conf");
    }

    @Test
    void aCommandWithoutAFileHasNoContract() {
        assertThat(MessageDefinitions.ofLibrary().find("DAD")).isEmpty();
    }

    @Test
    void theOptionsColonSeparatedListIsSplitWithEmptyEntriesDropped() {
        assertThat(MessageDefinitions.directories("/etc/a:/usr/share/b::  /c "))
                .containsExactly(Path.of("/etc/a"), Path.of("/usr/share/b"), Path.of("/c"));
        assertThat(MessageDefinitions.directories("")).isEmpty();
    }

    @Test
    void theLibraryDefinitionOfAliveIsInForce() {
        MessageContract alive = MessageDefinitions.ofLibrary().find("ALIVE").orElseThrow();
        assertThat(alive.violations(Message.builder("ALIVE")
                        .parameter("serial", "1")
                        .parameter("timestamp", "1733600000.5")
                        .build()))
                .isEmpty();
        assertThat(alive.violations(
                        Message.builder("ALIVE").parameter("timestamp", "now").build()))
                .containsExactly("parameter timestamp is not a timespec (seconds[.fraction]): \"now\"");
    }
}

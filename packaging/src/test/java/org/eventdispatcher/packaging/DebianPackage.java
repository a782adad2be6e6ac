package org.eventdispatcher.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/** The package this module built (target/eventdispatcher_&lt;version&gt;_all.deb), read with dpkg-deb. */
final class DebianPackage {

    static final Duration DPKG_DEB = Duration.ofMinutes(2);

    private static final Path TARGET =
            Path.of(System.getProperty("packaging.target", "target")).toAbsolutePath();

    private DebianPackage() {}

    /** The project's version as Debian writes it: no '-' there, and {@code ~} sorts before the release. */
    static String version() {
        return System.getProperty("packaging.version", "0.1.0-SNAPSHOT").replace('-', '~');
    }

    static Path file() {
        Path deb = TARGET.resolve("eventdispatcher_" + version() + "_all.deb");
        if (!Files.isRegularFile(deb)) {
            throw new AssertionError(deb + " is missing: ./mvnw -pl packaging -am package builds it");
        }
        return deb;
    }

    /** A field of the control file ({@code dpkg-deb -f}). */
    static String field(String name) {
        return Commands.run(DPKG_DEB, "dpkg-deb", "-f", file().toString(), name)
                .expectSuccess()
                .strip();
    }

    /** A member of the control archive, such as conffiles ({@code dpkg-deb -I}). */
    static String controlFile(String name) {
        return Commands.run(DPKG_DEB, "dpkg-deb", "-I", file().toString(), name).expectSuccess();
    }

    /**
     * The paths the package installs ({@code dpkg-deb -c}), absolute, directories ending with '/', a
     * symbolic link as {@code path -> target}.
     */
    static List<String> contents() {
        return Commands.run(DPKG_DEB, "dpkg-deb", "-c", file().toString())
                .expectSuccess()
                .lines()
                .map(line -> line.replaceFirst("^(\\S+\\s+){5}\\.", ""))
                .toList();
    }

    /** The files unpacked into {@code directory} ({@code dpkg-deb -x}), the control files into DEBIAN/ there. */
    static Path unpackInto(Path directory) {
        Commands.run(DPKG_DEB, "dpkg-deb", "-x", file().toString(), directory.toString())
                .expectSuccess();
        Commands.run(
                        DPKG_DEB,
                        "dpkg-deb",
                        "-e",
                        file().toString(),
                        directory.resolve("DEBIAN").toString())
                .expectSuccess();
        return directory;
    }

    /** The regular files and links the package installs, absolute; what a purge must leave absent. */
    static List<Path> installedFiles(Path unpacked) {
        try (Stream<Path> all = Files.walk(unpacked)) {
            return all.filter(path -> !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS))
                    .map(unpacked::relativize)
                    .filter(path -> !path.startsWith("DEBIAN"))
                    .map(path -> Path.of("/").resolve(path))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.eventdispatcher.signal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The training run behind the class-data sharing archive (run at package time with
 * {@code -XX:ArchiveClassesAtExit}): it goes through the paths a real run takes, the help, a TCP
 * send, a TCP send with reply, a UDP send and a refused message, against listeners of its own on
 * the loopback interface, so that every class those paths load ends up in the archive. Nothing
 * leaves the machine and nothing is printed.
 *
 * <p>Its one argument names the file where it records which JVM it ran on ({@code java.home} and
 * {@code java.runtime.version}, one a line): the archive is valid for that JVM build only, and the
 * launcher script compares this with the JDK's {@code release} file before using the archive.
 */
final class StartupTraining {

    private static final int TIMEOUT_MILLIS = 5_000;

    private StartupTraining() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            Files.writeString(
                    Path.of(args[0]),
                    System.getProperty("java.home") + "\n" + System.getProperty("java.runtime.version") + "\n",
                    StandardCharsets.UTF_8);
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket tcp = new ServerSocket(0, 2, loopback);
                DatagramSocket udp = new DatagramSocket(0, loopback)) {
            tcp.setSoTimeout(TIMEOUT_MILLIS);
            udp.setSoTimeout(TIMEOUT_MILLIS);
            String tcpAddress = "127.0.0.1:" + tcp.getLocalPort();
            Thread daemon = new Thread(() -> answerTwoConnections(tcp), "training-daemon");
            daemon.start();

            run("--help");
            run("--server", tcpAddress, "--type", "tcp", "--message", "server/QUIT reason=training");
            run("--server", tcpAddress, "--reply=5s", "--param", "serial=1", "ALIVE");
            run("--server", "127.0.0.1:" + udp.getLocalPort(), "--type", "udp", "--secret", "S", "LOG_ROTATE");
            udp.receive(new DatagramPacket(new byte[2048], 2048));
            run("--server", tcpAddress, "--message", "BAD name");
            daemon.join(TIMEOUT_MILLIS);
        }
    }

    private static void run(String... args) {
        PrintWriter discard = new PrintWriter(OutputStream.nullOutputStream());
        SignalCli cli = new SignalCli(SenderName.localServer());
        cli.commandLine().setOut(discard).setErr(discard);
        cli.run(args);
    }

    /** A daemon in miniature: greets, answers one line, closes when the peer does. */
    private static void answerTwoConnections(ServerSocket server) {
        for (int i = 0; i < 2; i++) {
            try (Socket peer = server.accept()) {
                peer.setSoTimeout(TIMEOUT_MILLIS);
                OutputStream out = peer.getOutputStream();
                out.write("HI\n".getBytes(StandardCharsets.UTF_8));
                BufferedReader in =
                        new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8));
                if (in.readLine() != null) {
                    out.write("ABSOLUTELY serial=1\n".getBytes(StandardCharsets.UTF_8));
                }
                in.readLine();
            } catch (IOException e) {
                return;
            }
        }
    }
}

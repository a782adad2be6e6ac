package org.eventdispatcher.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The client's half of the conversation, spoken by the test itself over a plain socket. */
final class Conversations {

    private Conversations() {
    }

    /** Connects, runs HI → DAD → CLIMB → TOP → WHO → MOM → BYE, and returns what the server said. */
    static List<String> run(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LoopbackPorts.HOST, port), 5_000);
            socket.setSoTimeout(15_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            List<String> heard = new ArrayList<>();
            heard.add(in.readLine());
            for (String line : List.of("DAD", "TOP", "MOM")) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                heard.add(in.readLine());
            }
            return heard;
        }
    }

    static final List<String> EXPECTED = List.of("HI", "CLIMB", "WHO", "BYE");
}

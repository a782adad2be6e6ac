package org.eventdispatcher.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.eventdispatcher.testing.lines.LineClient;

/** The client's half of the conversation, spoken by the test itself over a plain socket. */
final class Conversations {

    private Conversations() {}

    /** Connects, runs HI → DAD → CLIMB → TOP → WHO → MOM → BYE, and returns what the server said. */
    static List<String> run(int port) throws IOException {
        try (LineClient server = new LineClient(port)) {
            List<String> heard = new ArrayList<>();
            heard.add(server.readLine());
            for (String line : List.of("DAD", "TOP", "MOM")) {
                heard.add(server.ask(line));
            }
            return heard;
        }
    }

    static final List<String> EXPECTED = List.of("HI", "CLIMB", "WHO", "BYE");
}

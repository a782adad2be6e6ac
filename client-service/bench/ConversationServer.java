import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in server for trying many clients at once: on 127.0.0.1:PORT, greets every connection
 * with HI, answers DAD/TOP/MOM with CLIMB/WHO/BYE, and exits once COUNT conversations are complete
 * (or after the timeout).
 *
 * <pre>java client-service/bench/ConversationServer.java PORT COUNT [TIMEOUT_SECONDS]</pre>
 */
public class ConversationServer {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        long timeout = args.length > 2 ? Long.parseLong(args[2]) : 300;
        CountDownLatch complete = new CountDownLatch(count);
        AtomicInteger failed = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(port, 128, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on 127.0.0.1:" + server.getLocalPort());
            acceptLoop(server, complete, failed);
            boolean done = complete.await(timeout, TimeUnit.SECONDS);
            System.out.println((count - complete.getCount()) + " of " + count + " conversations complete"
                    + (failed.get() > 0 ? ", " + failed.get() + " broken off" : "") + (done ? "" : " (timed out)"));
            System.exit(done ? 0 : 1);
        }
    }

    private static void acceptLoop(ServerSocket server, CountDownLatch complete, AtomicInteger failed) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return;
                }
                Thread conversation = new Thread(() -> converse(socket, complete, failed));
                conversation.setDaemon(true);
                conversation.start();
            }
        }, "acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void converse(Socket socket, CountDownLatch complete, AtomicInteger failed) {
        try (socket) {
            socket.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            send(out, "HI");
            String[][] steps = {{"DAD", "CLIMB"}, {"TOP", "WHO"}, {"MOM", "BYE"}};
            for (String[] step : steps) {
                String line = in.readLine();
                if (!step[0].equals(line)) {
                    failed.incrementAndGet();
                    return;
                }
                send(out, step[1]);
            }
            if (in.readLine() == null) { // the client closes after BYE
                complete.countDown();
            }
        } catch (IOException e) {
            failed.incrementAndGet();
        }
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}

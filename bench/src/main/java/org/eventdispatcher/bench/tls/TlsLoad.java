package org.eventdispatcher.bench.tls;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The same load over plaintext and over TLS, from one tool, so that the two can be compared in one
 * run: blocking sockets, a thread per client (the load generator's NIO loops speak plaintext only).
 *
 * <pre>java -cp bench/target/bench.jar org.eventdispatcher.bench.tls.TlsLoad --target 127.0.0.1:3001
 *      --mode conv|pipe --clients 100 --seconds 10 --warmup 3 [--tls full|resume --ca ca.pem] [--window 100]</pre>
 *
 * <ul>
 * <li>{@code conv}: each client connects, holds HI, DAD, CLIMB, TOP, WHO, MOM, BYE, closes, and
 * again; the figure is conversations per second. With TLS, {@code full} forgets each session
 * (every connection makes a full handshake), {@code resume} lets the JDK resume it.</li>
 * <li>{@code pipe}: each client keeps one connection and sends {@code DAD} in batches of
 * {@code window}, reading the {@code CLIMB}s of each batch; the figure is round trips per second.</li>
 * </ul>
 * Prints one line: {@code mode tls clients figure}.
 */
public final class TlsLoad {

    private static final byte[][] SAYS = {bytes("DAD\n"), bytes("TOP\n"), bytes("MOM\n")};

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final boolean forgetSessions;
    private final LongAdder done = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private TlsLoad(String host, int port, SSLContext tls, boolean forgetSessions) {
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.forgetSessions = forgetSessions;
    }

    public static void main(String[] args) throws Exception {
        String target = "127.0.0.1:3001";
        String mode = "conv";
        String tlsMode = "none";
        Path ca = null;
        int clients = 10;
        int window = 100;
        int seconds = 10;
        int warmup = 3;
        for (int i = 0; i < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--target" -> target = value;
                case "--mode" -> mode = value;
                case "--tls" -> tlsMode = value;
                case "--ca" -> ca = Path.of(value);
                case "--clients" -> clients = Integer.parseInt(value);
                case "--window" -> window = Integer.parseInt(value);
                case "--seconds" -> seconds = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int colon = target.lastIndexOf(':');
        SSLContext context = tlsMode.equals("none") ? null : trusting(ca);
        TlsLoad load = new TlsLoad(
                target.substring(0, colon),
                Integer.parseInt(target.substring(colon + 1)),
                context,
                tlsMode.equals("full"));
        int batch = window;
        Runnable client = mode.equals("conv") ? load::converse : () -> load.pipeline(batch);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(client, "client-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmup * 1000L);
        long start = load.done.sum();
        long startNanos = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double perSecond = (load.done.sum() - start) / ((System.nanoTime() - startNanos) / 1e9);
        load.running.set(false);
        System.out.printf(
                Locale.ROOT, "%s %s %d %.0f/s errors=%d%n", mode, tlsMode, clients, perSecond, load.errors.sum());
        System.exit(0);
    }

    private void converse() {
        while (running.get()) {
            try (Socket socket = connect()) {
                InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream();
                for (byte[] say : SAYS) {
                    skipLine(in); // HI, CLIMB, WHO
                    out.write(say);
                    out.flush();
                }
                skipLine(in); // BYE
                if (forgetSessions && socket instanceof SSLSocket secure) {
                    secure.getSession().invalidate();
                }
                done.increment();
            } catch (IOException e) {
                errors.increment();
            }
        }
    }

    private void pipeline(int window) {
        byte[] batch = bytes("DAD\n".repeat(window));
        try (Socket socket = connect()) {
            InputStream in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
            OutputStream out = socket.getOutputStream();
            skipLine(in); // HI
            while (running.get()) {
                out.write(batch);
                out.flush();
                for (int i = 0; i < window; i++) {
                    skipLine(in);
                }
                done.add(window);
            }
        } catch (IOException e) {
            errors.increment();
        }
    }

    private Socket connect() throws IOException {
        Socket plain = new Socket();
        plain.setTcpNoDelay(true);
        plain.connect(new InetSocketAddress(host, port), 5_000);
        plain.setSoTimeout(10_000);
        if (tls == null) {
            return plain;
        }
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        secure.startHandshake();
        return secure;
    }

    private static void skipLine(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed by the server");
            }
        }
    }

    private static SSLContext trusting(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry(
                    "ca",
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

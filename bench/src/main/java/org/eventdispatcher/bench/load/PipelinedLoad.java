package org.eventdispatcher.bench.load;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * C connections, each keeping W {@code DAD} lines in flight and counting the {@code CLIMB}
 * replies: the server's throughput when it is never waiting for the network.
 */
final class PipelinedLoad {

    private PipelinedLoad() {}

    static LoadReport run(LoadOptions options) throws InterruptedException {
        ErrorTally errors = new ErrorTally();
        List<PipelinedConnection> connections = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            try {
                Socket socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setReceiveBufferSize(1 << 20);
                socket.setSendBufferSize(1 << 20);
                socket.connect(options.tcpTarget(), options.timeoutMillis());
                connections.add(new PipelinedConnection(
                        socket, options.request(), options.window(), options.timeoutMillis(), errors, i));
            } catch (IOException e) {
                errors.record(e);
            }
        }
        MeasurementWindow window = new MeasurementWindow(options.warmupSeconds(), options.seconds());
        connections.forEach(PipelinedConnection::start);
        window.awaitStart();
        long before = received(connections);
        window.awaitEnd();
        long roundTrips = received(connections) - before;
        for (PipelinedConnection connection : connections) {
            connection.stop();
        }
        for (PipelinedConnection connection : connections) {
            connection.awaitStopped();
        }
        double perSecond = roundTrips / window.seconds();
        String summary = String.format(
                "pipelined: %d connection(s), window %d, %.0f s: %.0f round trips/s, %d errors",
                connections.size(), options.window(), window.seconds(), perSecond, errors.total());
        return new LoadReport(summary, errors, roundTrips)
                .with("mode", "pipelined")
                .with("connections", options.connections())
                .with("window", options.window())
                .with("seconds", window.seconds())
                .with("round_trips", roundTrips)
                .with("rt_per_s", perSecond);
    }

    private static long received(List<PipelinedConnection> connections) {
        return connections.stream().mapToLong(PipelinedConnection::received).sum();
    }
}

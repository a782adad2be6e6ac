package org.eventdispatcher.bench.load;

/**
 * Load generator for servers that speak the example conversation. Plain JDK, blocking sockets,
 * raw bytes: it must not be what limits the measurement.
 *
 * <pre>
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.load.LoadGenerator --target 127.0.0.1:3001 --mode conversation --clients 100 --seconds 10
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.load.LoadGenerator --target 127.0.0.1:3001 --mode pipelined --connections 10 --window 1000
 * java -cp bench/target/bench.jar org.eventdispatcher.bench.load.LoadGenerator --target 127.0.0.1:3001 --mode idle --connections 10000 --server-pid 1234
 * </pre>
 *
 * Prints one sentence and one {@code RESULT key=value ...} line. Exits 0 when anything
 * succeeded (errors are reported, not fatal), 1 when nothing did, 2 on a bad command line.
 */
public final class LoadGenerator {

    private LoadGenerator() {}

    public static void main(String[] args) throws InterruptedException {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (LoadOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println("LoadGenerator: " + e.getMessage());
            }
            System.err.print(LoadOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        LoadReport report =
                switch (options.mode()) {
                    case CONVERSATION -> ConversationLoad.run(options);
                    case PIPELINED -> PipelinedLoad.run(options);
                    case IDLE -> IdleLoad.run(options);
                };
        System.out.println(report.summary());
        System.out.println(report.resultLine());
        // client threads still blocked on a dead server are daemons; do not wait for them
        System.exit(report.anySuccess() ? 0 : 1);
    }
}

package org.eventdispatcher.bench.broker;

/**
 * The command line the two plain AMQP servers share ({@link PlainAmqpServer}, {@link SpringAmqpServer}):
 * {@code --amqp-host}, {@code --amqp-port}, {@code --address}, {@code --exchange}, {@code --management-port}.
 *
 * @param managementPort where {@code DAD}s are counted for the load's probe; 0 or less: nowhere
 */
record ServerOptions(String host, int port, String address, String exchange, int managementPort) {

    static ServerOptions parse(String[] args, String defaultAddress) {
        String host = "127.0.0.1";
        int port = 5672;
        String address = defaultAddress;
        String exchange = "eventdispatcher";
        int managementPort = -1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--amqp-host" -> host = args[i + 1];
                case "--amqp-port" -> port = Integer.parseInt(args[i + 1]);
                case "--address" -> address = args[i + 1];
                case "--exchange" -> exchange = args[i + 1];
                case "--management-port" -> managementPort = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return new ServerOptions(host, port, address, exchange, managementPort);
    }
}

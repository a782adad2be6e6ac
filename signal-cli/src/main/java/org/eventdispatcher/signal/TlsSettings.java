package org.eventdispatcher.signal;

import java.util.Locale;

/**
 * {@code --encrypt} and its files, as typed: checked by {@link SignalCommand}, used by
 * {@link TlsConnector} only when TLS is asked for (its classes are not even loaded otherwise, which
 * keeps a plaintext run's start-up as it was).
 *
 * @param ca   PEM trust anchors; null: the JDK's trust store
 * @param cert PEM client certificate (chain) for mutual TLS; null: none
 * @param key  PEM private key of {@code cert} (PKCS#8); null: none
 */
record TlsSettings(boolean encrypt, String ca, String cert, String key) {

    static final TlsSettings PLAINTEXT = new TlsSettings(false, null, null, null);

    /** The C++ tool's values: true, false, yes, no, 1, 0, on, off (any case). */
    static boolean parseFlag(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default ->
                throw new IllegalArgumentException(
                        "--encrypt takes true, false, yes, no, 1 or 0, not \"" + value + "\"");
        };
    }

    static boolean isFlag(String value) {
        try {
            parseFlag(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    void check(Transport transport) throws SignalException {
        if (!encrypt) {
            if (ca != null || cert != null || key != null) {
                throw new SignalException(ExitCode.USAGE, "--ca, --cert and --key go with --encrypt");
            }
            return;
        }
        if (transport == Transport.UDP) {
            throw new SignalException(ExitCode.USAGE, "--encrypt works over TCP only: there is no TLS on UDP");
        }
        if (transport == Transport.AMQP) {
            throw new SignalException(
                    ExitCode.USAGE,
                    "--encrypt works over TCP only: for TLS to the broker, give" + " --broker amqps://...");
        }
        if ((cert == null) != (key == null)) {
            throw new SignalException(ExitCode.USAGE, "--cert and --key go together (mutual TLS)");
        }
    }
}

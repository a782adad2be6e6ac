package org.eventdispatcher.protocol.message;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Checks a property on many generated inputs. The seed is fixed, so a failure reproduces; run with
 * {@code -Dprotocol.seed=<n>} to explore other inputs and {@code -Dprotocol.tries=<n>} for more of
 * them. A failure names the case, the seed and the input with its invisible characters spelled out.
 */
final class RandomCases {

    static final long SEED = Long.getLong("protocol.seed", 0x5EED_2024L);
    static final int TRIES = Integer.getInteger("protocol.tries", 3000);

    @FunctionalInterface
    interface Check<T> {
        void accept(T input) throws Exception;
    }

    private RandomCases() {}

    static <T> void forAll(Function<SplittableRandom, T> generator, Check<T> check) {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < TRIES; i++) {
            T input = generator.apply(random);
            try {
                check.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError(
                        "case " + i + " of seed " + SEED + " fails for " + visible(input) + ":\n"
                                + failure.getMessage(),
                        failure);
            }
        }
    }

    /** The text with control characters, quotes and backslashes escaped, so a failure message shows them. */
    static String visible(Object input) {
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder(text.length() + 2).append('«');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('»').toString();
    }
}

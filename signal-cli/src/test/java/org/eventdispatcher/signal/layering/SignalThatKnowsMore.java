package org.eventdispatcher.signal.layering;

import io.netty.util.NetUtil;
import org.eventdispatcher.testing.ports.FreePorts;

/**
 * A deliberate violation, for SignalCliLayeringTest alone: signal-cli reaching past the protocol, into
 * another module of the project and into a framework (here those its test classpath has; the
 * dispatcher and Spring are not even on it).
 */
public final class SignalThatKnowsMore {

    private SignalThatKnowsMore() {}

    public static boolean loopback(FreePorts ports) {
        return ports != null && NetUtil.LOCALHOST != null;
    }
}

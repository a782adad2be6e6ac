package org.eventdispatcher.client;

import java.io.IOException;

/**
 * Another client process, as far as the management port goes: takes the claim on the port named by its
 * arguments, says "held" (or "not held") on its output, and keeps the claim until its input closes.
 */
final class ClaimHolder {

    private ClaimHolder() {}

    public static void main(String[] args) throws IOException {
        ManagementPortFallback.Claim claim = ManagementPortFallback.Claim.take(args[0], Integer.parseInt(args[1]));
        System.out.println(claim != null ? "held" : "not held");
        System.out.flush();
        while (System.in.read() >= 0) {
            // held until the test closes our input
        }
    }
}

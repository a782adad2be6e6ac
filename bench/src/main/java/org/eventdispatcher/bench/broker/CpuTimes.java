package org.eventdispatcher.bench.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) of the broker, the server and this process at one moment, from
 * {@code /proc/PID/stat}; two of them make the CPU seconds each spent over a window.
 */
record CpuTimes(double broker, double server, double self) {

    private static final double TICKS_PER_SECOND = clockTicks();

    /** CPU seconds spent between two samples; NaN for a process not given or not readable. */
    record Window(double broker, double server, double self) {}

    static CpuTimes sample(long brokerPid, long serverPid) {
        return new CpuTimes(
                seconds(brokerPid),
                seconds(serverPid),
                seconds(ProcessHandle.current().pid()));
    }

    Window until(CpuTimes later) {
        return new Window(later.broker - broker, later.server - server, later.self - self);
    }

    /** utime + stime of PID in seconds, NaN when there is no such process. */
    static double seconds(long pid) {
        if (pid <= 0) {
            return Double.NaN;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name in parentheses may hold spaces; after it, field 3 (state) comes first
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** {@code getconf CLK_TCK}, the unit of /proc/PID/stat times (100 on every Linux Java runs on). */
    private static double clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            if (getconf.waitFor() == 0) {
                return Double.parseDouble(out);
            }
        } catch (IOException | RuntimeException e) {
            // the usual value, below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}

package org.eventdispatcher.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory and CPU time of another process, read from Linux's /proc. */
record ProcessSample(long rssKiB, long cpuMillis) {

    /** USER_HZ, the unit of /proc/PID/stat times; 100 on every Linux architecture Java runs on. */
    private static final long TICKS_PER_SECOND = 100;

    static ProcessSample of(long pid) {
        try {
            long rss = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name in parentheses may hold spaces; fields after it start at field 3 (state)
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
            return new ProcessSample(rss, ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + " (is the server still running?)", e);
        }
    }
}

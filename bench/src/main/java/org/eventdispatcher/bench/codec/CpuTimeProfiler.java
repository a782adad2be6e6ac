package org.eventdispatcher.bench.codec;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports throughput per second of CPU time the benchmark JVM used, next to JMH's per second of
 * wall-clock time. On a shared machine a benchmark thread gets only part of a core, which wall-clock
 * throughput cannot tell from a slow codec; dividing by the CPU time actually received estimates
 * what one core would do. The CPU time is the whole process's (GC and compiler threads included),
 * so the estimate errs on the low side. Use with {@code -prof org.eventdispatcher.bench.codec.CpuTimeProfiler}.
 */
public class CpuTimeProfiler implements InternalProfiler {

    private long cpuStart;
    private long wallStart;

    @Override
    public String getDescription() {
        return "throughput per CPU-second of the benchmark process";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuStart = processCpuNanos();
        wallStart = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        double cpu = processCpuNanos() - cpuStart;
        double wall = System.nanoTime() - wallStart;
        double share = cpu / wall;
        double perCpuSecond = result.getPrimaryResult().getScore() / share;
        return List.of(
                new ScalarResult("cpu.share", share, "cores", AggregationPolicy.AVG),
                new ScalarResult("cpu.thrpt", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}

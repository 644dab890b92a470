package io.github.stylize.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much of the machine other processes used while a measurement ran: the CPU time of all processes (/proc/stat)
 * minus this process's own (/proc/self/stat), as a share of the machine's total CPU time over the same wall time. On a
 * shared 2-core machine this is what makes a timing trustworthy or not: 0.0 means the benchmark had the cores to
 * itself, 0.5 means other processes took one core's worth.
 */
final class CpuShare {
    /** The share of the machine's CPU that other processes may take while a measurement counts as undisturbed. */
    static final double QUIET_THRESHOLD = 0.10;
    private static final long QUIET_SAMPLE_MILLIS = 3000;

    /** Jiffies of the whole machine (busy and total) and of this process at one instant. */
    record Sample(long machineBusy, long machineTotal, long own) {
    }

    private CpuShare() {
    }

    static Sample sample() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(cpu.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long own = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            return new Sample(total - idle, total, own);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Share (0..1) of the machine's CPU time that other processes used since {@code before}; NaN if unknown. */
    static double othersSince(Sample before) {
        Sample now = sample();
        if (before == null || now == null || now.machineTotal() == before.machineTotal()) {
            return Double.NaN;
        }
        long others = (now.machineBusy() - before.machineBusy()) - (now.own() - before.own());
        return Math.max(0, others) / (double) (now.machineTotal() - before.machineTotal());
    }

    /**
     * Waits up to {@code maxSeconds} until other processes' share of the CPU over 3 s is at most
     * {@link #QUIET_THRESHOLD}; returns the seconds waited. The one idle-CPU wait of the benchmarks: between runs in
     * one JVM (which is idle meanwhile) and, through {@link #main}, in the scripts before each process they start.
     */
    static double awaitQuiet(int maxSeconds) throws InterruptedException {
        if (maxSeconds <= 0) {
            return 0;
        }
        long start = System.nanoTime();
        double others;
        do {
            Sample before = sample();
            Thread.sleep(QUIET_SAMPLE_MILLIS);
            others = othersSince(before);
        } while (!(others <= QUIET_THRESHOLD) && !Double.isNaN(others)
                && System.nanoTime() - start < maxSeconds * 1_000_000_000L);
        double waited = (System.nanoTime() - start) / 1e9 - QUIET_SAMPLE_MILLIS / 1000.0;
        if (waited > 1) {
            System.out.printf(Locale.ROOT, "  (waited %.0f s for idle CPUs; others now use %s)%n", waited,
                    Double.isNaN(others) ? "?" : String.format(Locale.ROOT, "%.0f%%", 100 * others));
        }
        return Math.max(0, waited);
    }

    /** {@code java -cp benchmark/target/classes io.github.stylize.benchmark.CpuShare SECONDS}: {@link #awaitQuiet}. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: CpuShare MAX_WAIT_SECONDS");
            System.exit(2);
        }
        awaitQuiet(Integer.parseInt(args[0]));
    }
}

package io.github.stylize.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine other processes used while a measurement ran: the CPU time of all processes (/proc/stat)
 * minus this process's own (/proc/self/stat), as a share of the machine's total CPU time over the same wall time. On a
 * shared 2-core machine this is what makes a timing trustworthy or not: 0.0 means the benchmark had the cores to
 * itself, 0.5 means other processes took one core's worth.
 */
final class CpuShare {
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
}

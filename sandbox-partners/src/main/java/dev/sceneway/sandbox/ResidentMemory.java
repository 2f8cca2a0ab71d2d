package dev.sceneway.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.OptionalLong;

/** Resident set size of a group of processes, read from Linux's /proc (empty elsewhere). */
final class ResidentMemory {

    private ResidentMemory() {
    }

    /** Sum of VmRSS over {@code pids}, in KiB; processes that are gone count zero. */
    static OptionalLong totalKib(Collection<Long> pids) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return OptionalLong.empty();
        }
        long total = 0;
        for (long pid : pids) {
            total += rssKib(pid);
        }
        return OptionalLong.of(total);
    }

    private static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException gone) {
            // the process ended between listing and reading
        }
        return 0;
    }
}

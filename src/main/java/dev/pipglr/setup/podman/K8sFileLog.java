package dev.pipglr.setup.podman;

import java.nio.charset.StandardCharsets;

/**
 * A container's log as podman's k8s-file driver (conmon) writes it, one record per line: {@code TIMESTAMP STREAM TAG
 * MESSAGE}, where TAG {@code P} marks part of a longer line and {@code F} its end. Read directly when the file is on
 * this machine: podman's own CLI reads it so, and its API serves it about twice as slowly (docs/benchmarks.md). Parts
 * are joined per stream, so a long line reads as the one line the container wrote (podman's API puts a timestamp
 * before every part).
 */
final class K8sFileLog {

    private K8sFileLog() {}

    /** The log in {@link Podman#logsWithTimestamps}'s form (see {@link LogRecords}). */
    static String withTimestamps(byte[] file) {
        LogRecords records = new LogRecords(file.length);
        int start = 0;
        while (start < file.length) {
            int end = indexOf(file, (byte) '\n', start);
            if (end < 0) {
                break; // conmon writes a record and its newline at once: a record without one is being written
            }
            record(file, start, end, records);
            start = end + 1;
        }
        return records.text();
    }

    private static void record(byte[] file, int start, int end, LogRecords records) {
        int timeEnd = indexOf(file, (byte) ' ', start, end);
        int streamEnd = timeEnd < 0 ? -1 : indexOf(file, (byte) ' ', timeEnd + 1, end);
        if (streamEnd < 0 || streamEnd + 2 > end) {
            return; // not a k8s-file record: conmon writes none such
        }
        String timestamp = new String(file, start, timeEnd - start, StandardCharsets.US_ASCII);
        String stream = new String(file, timeEnd + 1, streamEnd - timeEnd - 1, StandardCharsets.US_ASCII);
        int messageStart = Math.min(streamEnd + 3, end);
        records.add(stream, timestamp, file, messageStart, end - messageStart, file[streamEnd + 1] != 'P');
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        return indexOf(bytes, wanted, from, bytes.length);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

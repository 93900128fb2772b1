package io.legnext.adapter.fake;

import io.legnext.core.job.JobFailure;
import io.legnext.core.job.TaskType;
import io.legnext.core.url.CallbackUrl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * One line of a persistent fake's log: what the service's state is replayed from. Each line is
 * {@code <crc32 as 8 hex digits> <payload>\n}; the payload is a type letter and fields separated by {@code |}, with
 * {@code %}, {@code |}, CR and LF percent-escaped, so a record is always exactly one line.
 */
sealed interface StoreRecord {

    /** The format this build writes and reads. */
    int FORMAT_VERSION = 1;

    /**
     * The first line: the format, a random epoch (a reset gives the log a new one, so other processes see it), the
     * account's starting balance, and the service clock's first anchor: at wall instant {@code wallMillis} the
     * service's time was {@code serviceMillis} (also when the balance was set), running {@code speed} times faster
     * than the wall clock.
     */
    record Header(
            int version,
            long epoch,
            long credits,
            long points,
            String accountId,
            long wallMillis,
            long serviceMillis,
            double speed)
            implements StoreRecord {

        /** The same header with another epoch. */
        Header withEpoch(long value) {
            return new Header(version, value, credits, points, accountId, wallMillis, serviceMillis, speed);
        }

        /** The clock anchor this header starts with. */
        Anchor anchor() {
            return new Anchor(wallMillis, serviceMillis, speed);
        }
    }

    /** The service clock's anchor from now on: at wall instant {@code wallMillis} it told {@code serviceMillis}. */
    record Anchor(long wallMillis, long serviceMillis, double speed) implements StoreRecord {}

    /** A job the service accepted (or seeded); {@code charged} says whether its cost was frozen. */
    record Accepted(FakeJob job, boolean charged) implements StoreRecord {}

    /** The account's points (or credits) were set to {@code value} at {@code atMillis}. */
    record BalanceSet(boolean credits, long value, long atMillis) implements StoreRecord {}

    /** A process took on delivering this job's callback; no other will. */
    record Claimed(UUID job) implements StoreRecord {}

    /**
     * A whole line, its checksum right, that this build cannot read: a record type of a later format, say. It is
     * kept (never truncated as torn) and otherwise ignored.
     */
    record Unreadable() implements StoreRecord {}

    /** The line for {@code record}: checksum, payload, newline. */
    static byte[] line(StoreRecord record) {
        byte[] payload = payload(record).getBytes(StandardCharsets.UTF_8);
        byte[] line = new byte[9 + payload.length + 1];
        System.arraycopy(
                String.format("%08x ", crc(payload, 0, payload.length)).getBytes(StandardCharsets.US_ASCII),
                0,
                line,
                0,
                9);
        System.arraycopy(payload, 0, line, 9, payload.length);
        line[line.length - 1] = '\n';
        return line;
    }

    /**
     * The record in {@code bytes[from, to)} (a line without its newline), or null when its checksum does not match:
     * a torn or damaged line, which is skipped.
     */
    static StoreRecord parse(byte[] bytes, int from, int to) {
        if (to - from < 10 || bytes[from + 8] != ' ') {
            return null;
        }
        long expected;
        try {
            expected = Long.parseLong(new String(bytes, from, 8, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            return null;
        }
        if (crc(bytes, from + 9, to - from - 9) != expected) {
            return null;
        }
        try {
            return decode(new String(bytes, from + 9, to - from - 9, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return new Unreadable();
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }

    private static String payload(StoreRecord record) {
        List<Object> f = new ArrayList<>();
        if (record instanceof Header h) {
            f.addAll(List.of(
                    "H",
                    h.version(),
                    h.epoch(),
                    h.credits(),
                    h.points(),
                    h.accountId(),
                    h.wallMillis(),
                    h.serviceMillis(),
                    Double.toString(h.speed())));
        } else if (record instanceof Anchor a) {
            f.addAll(List.of("A", a.wallMillis(), a.serviceMillis(), Double.toString(a.speed())));
        } else if (record instanceof Accepted a) {
            FakeJob j = a.job();
            f.addAll(List.of(
                    "J",
                    j.id(),
                    j.kind().name(),
                    j.createdMillis(),
                    j.stagedAfter(),
                    j.processingAfter(),
                    j.endedAfter(),
                    j.seed(),
                    j.cost(),
                    j.paidInCredits() ? 1 : 0,
                    j.results(),
                    j.extensions(),
                    a.charged() ? 1 : 0,
                    j.callback() == null ? "" : j.callback().uri().toString()));
            if (j.failure() != null) {
                f.addAll(List.of(
                        j.failure().code(), j.failure().message(), j.failure().rawMessage()));
            }
        } else if (record instanceof BalanceSet b) {
            f.addAll(List.of("B", b.credits() ? "credits" : "points", b.value(), b.atMillis()));
        } else if (record instanceof Claimed c) {
            f.addAll(List.of("C", c.job()));
        } else {
            throw new IllegalArgumentException("an unreadable record is never written");
        }
        StringBuilder s = new StringBuilder();
        for (Object o : f) {
            if (s.length() > 0) {
                s.append('|');
            }
            escape(String.valueOf(o), s);
        }
        return s.toString();
    }

    /** The record a payload holds, {@link Unreadable} for a type this build does not know. */
    private static StoreRecord decode(String payload) {
        String[] f = payload.split("\\|", -1);
        for (int i = 0; i < f.length; i++) {
            f[i] = unescape(f[i]);
        }
        switch (f[0]) {
            case "H":
                return new Header(
                        Integer.parseInt(f[1]),
                        Long.parseLong(f[2]),
                        Long.parseLong(f[3]),
                        Long.parseLong(f[4]),
                        f[5],
                        Long.parseLong(f[6]),
                        Long.parseLong(f[7]),
                        Double.parseDouble(f[8]));
            case "A":
                return new Anchor(Long.parseLong(f[1]), Long.parseLong(f[2]), Double.parseDouble(f[3]));
            case "J":
                JobFailure failure = f.length > 14 ? new JobFailure(Integer.parseInt(f[14]), f[15], f[16]) : null;
                FakeJob job = new FakeJob(
                        UUID.fromString(f[1]),
                        TaskType.Kind.valueOf(f[2]),
                        Long.parseLong(f[3]),
                        Integer.parseInt(f[4]),
                        Integer.parseInt(f[5]),
                        Integer.parseInt(f[6]),
                        Integer.parseInt(f[7]),
                        Integer.parseInt(f[8]),
                        f[9].equals("1"),
                        Byte.parseByte(f[10]),
                        Byte.parseByte(f[11]),
                        f[13].isEmpty() ? null : CallbackUrl.parse(f[13]),
                        failure);
                return new Accepted(job, f[12].equals("1"));
            case "B":
                return new BalanceSet(f[1].equals("credits"), Long.parseLong(f[2]), Long.parseLong(f[3]));
            case "C":
                return new Claimed(UUID.fromString(f[1]));
            default:
                return new Unreadable();
        }
    }

    private static void escape(String s, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '|' -> out.append("%7C");
                case '\n' -> out.append("%0A");
                case '\r' -> out.append("%0D");
                default -> out.append(c);
            }
        }
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

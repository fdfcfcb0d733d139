package oss.ir.program;

import java.util.List;

/**
 * {@code device "/dev/net0" every 5 ms count 4 size 1 KiB latency 1 ms bandwidth 100 MiB/s}: a
 * character device that sends {@code sizeBytes} at each of {@code sendNs} (ascending); each
 * delivery is readable {@code latencyNs} and size / bandwidth later. {@code bytesPerSecond} is 0
 * for no limit. docs/language.md, "The five I/O models".
 */
public record DeviceDecl(String path, List<Long> sendNs, long sizeBytes, long latencyNs, long bytesPerSecond,
                         Span span) {
    public DeviceDecl {
        sendNs = List.copyOf(sendNs);
    }

    /** When delivery {@code k} (from 0) can be read: sent, then the latency, then the bytes on the wire, rounded up to a ns. */
    public long readableAt(int k) {
        long wire = bytesPerSecond <= 0 ? 0
                : java.math.BigInteger.valueOf(sizeBytes).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(bytesPerSecond - 1))
                .divide(java.math.BigInteger.valueOf(bytesPerSecond)).longValue();
        return sendNs.get(k) + latencyNs + wire;
    }
}

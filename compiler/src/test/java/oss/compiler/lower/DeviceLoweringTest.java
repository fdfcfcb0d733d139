package oss.compiler.lower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import oss.compiler.Compilation;
import oss.compiler.Compiler;
import oss.compiler.format.Formatter;
import oss.ir.program.DeviceDecl;

/** {@code device} lines lower to their send times, with OSS1350 where one cannot work as written. */
class DeviceLoweringTest {

    static Compilation compile(String devices) {
        return Compiler.compile("d.oss", "scenario \"d\" {\n" + devices + "\n  process A {\n    compute 1 ms\n  }\n}\n");
    }

    static List<String> diags(String devices) {
        return compile(devices).diagnostics().stream()
                .map(d -> d.span().line() + ":" + d.span().column() + " " + d.code()).toList();
    }

    @Test
    void everyAndAtGiveTheSendTimesAndBandwidthTheWire() {
        Compilation c = compile("""
                  device "/dev/net0" every 5 ms count 4 size 1 KiB
                  device "/dev/tty" at 3 ms, 12 ms size 16 B
                  device "/dev/net1" every 5 ms count 4 size 64 KiB latency 1 ms bandwidth 100 MiB/s
                """);
        assertTrue(c.program().isPresent(), () -> c.diagnostics().toString());
        List<DeviceDecl> d = c.program().get().devices();
        // as an interval timer: the first expiry one period after the start
        assertEquals(List.of(5_000_000L, 10_000_000L, 15_000_000L, 20_000_000L), d.get(0).sendNs());
        assertEquals(1024, d.get(0).sizeBytes());
        assertEquals(5_000_000L, d.get(0).readableAt(0));
        assertEquals(List.of(3_000_000L, 12_000_000L), d.get(1).sendNs());
        // 64 KiB at 100 MiB/s is 65536 / 104857600 s = 0.625 ms; + 1 ms latency: 5 + 1.625 = 6.625 ms
        assertEquals(6_625_000L, d.get(2).readableAt(0));
        assertEquals(21_625_000L, d.get(2).readableAt(3));
    }

    @Test
    void aDeviceLineThatCannotWork() {
        assertEquals(List.of("2:10 BAD_DEVICE"), diags("  device \"/data/net\" every 5 ms count 4 size 1 KiB"));
        assertEquals(List.of("2:30 BAD_DEVICE"), diags("  device \"/dev/tty\" at 3 ms, 2 ms size 16 B"));
        assertEquals(List.of("2:65 BAD_DEVICE"), diags("  device \"/dev/n\" every 1 ms count 2 size 1 KiB bandwidth 1 MiB/ms"));
        assertEquals(List.of("2:36 NOT_POSITIVE"), diags("  device \"/dev/n\" every 1 ms count 0 size 1 KiB"));
        assertEquals(List.of("3:10 DUPLICATE_NAME"), diags("""
                  device "/dev/n" every 1 ms count 2 size 1 KiB
                  device "/dev/n" at 1 ms size 1 KiB
                """));
    }

    @Test
    void theFormatterWritesItBack() {
        String text = """
                scenario "d" {
                  device "/dev/net1" every 5 ms count 4 size 64 KiB latency 1 ms bandwidth 100 MiB/s
                  device "/dev/tty" at 3 ms, 12 ms size 16 B

                  process A {
                    compute 1 ms
                  }
                }
                """;
        assertEquals(java.util.Optional.of(text), Formatter.format(text));
    }
}

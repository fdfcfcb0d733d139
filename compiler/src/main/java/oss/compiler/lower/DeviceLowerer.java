package oss.compiler.lower;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import oss.compiler.ast.FileDeclNode;
import oss.compiler.ast.Quantity;
import oss.compiler.check.Diags;
import oss.compiler.check.ExprEval;
import oss.compiler.check.Units;
import oss.ir.diag.Code;
import oss.ir.program.DeviceDecl;

/**
 * {@code device "/dev/net0" every 5 ms count 4 size 1 KiB [latency T] [bandwidth N MiB/s]}: the
 * times its deliveries are sent, checked (docs/language.md, "The five I/O models").
 */
final class DeviceLowerer {
    /** Most deliveries of one device: each is an event of the run. */
    static final int MAX_DELIVERIES = 10_000;

    private DeviceLowerer() {}

    static Optional<DeviceDecl> lower(FileDeclNode f, List<DeviceDecl> before, Diags diags, Units units,
                                      ExprEval eval) {
        String path = f.path().value();
        FileDeclNode.Arrivals a = f.arrivals().orElseThrow();
        // devices(7): character special files live in /dev; a name elsewhere would be a regular file's
        if (!path.startsWith("/dev/") || path.length() == "/dev/".length()) {
            diags.report(Code.BAD_DEVICE, f.path().span(), "a device is named by a path under /dev/, as"
                    + " \"/dev/net0\": \"" + path + "\" is not; a regular file is declared with `file`");
            return Optional.empty();
        }
        for (DeviceDecl d : before) {
            if (d.path().equals(path)) {
                diags.report(Code.DUPLICATE_NAME, f.path().span(), "the device \"" + path + "\" is already declared",
                        d.span(), "first declared here");
                return Optional.empty();
            }
        }
        OptionalLong size = units.of(f.size(), Map.of(), Units.Kind.SIZE, "device size");
        if (size.isEmpty()) {
            return Optional.empty();
        }
        if (size.getAsLong() <= 0) {
            diags.report(Code.NOT_POSITIVE, f.size().span(), "a device sends a size above 0 each time");
            return Optional.empty();
        }
        List<Long> sends = new ArrayList<>();
        if (a.times().isEmpty()) {
            OptionalLong period = units.of(a.period().orElseThrow(), Map.of(), Units.Kind.TIME, "device period");
            OptionalLong count = eval.integer(a.count().orElseThrow(), Map.of(), "device count");
            if (period.isEmpty() || count.isEmpty()) {
                return Optional.empty();
            }
            if (period.getAsLong() <= 0 || count.getAsLong() <= 0) {
                diags.report(Code.NOT_POSITIVE, period.getAsLong() <= 0 ? a.period().get().span()
                        : a.count().get().span(), "`every T count N` needs T and N above 0");
                return Optional.empty();
            }
            if (count.getAsLong() > MAX_DELIVERIES) {
                diags.report(Code.BAD_DEVICE, a.count().get().span(), "a device sends at most " + MAX_DELIVERIES
                        + " times");
                return Optional.empty();
            }
            // as an interval timer: the first expiry one interval after the start (setitimer(2))
            for (long k = 1; k <= count.getAsLong(); k++) {
                sends.add(k * period.getAsLong());
            }
        } else {
            if (a.times().size() > MAX_DELIVERIES) {
                diags.report(Code.BAD_DEVICE, a.times().get(MAX_DELIVERIES).span(), "a device sends at most "
                        + MAX_DELIVERIES + " times");
                return Optional.empty();
            }
            for (Quantity q : a.times()) {
                OptionalLong t = units.of(q, Map.of(), Units.Kind.TIME, "device send time");
                if (t.isEmpty()) {
                    return Optional.empty();
                }
                if (t.getAsLong() < 0 || !sends.isEmpty() && t.getAsLong() <= sends.get(sends.size() - 1)) {
                    diags.report(Code.BAD_DEVICE, q.span(), "the times after `at` go up, each after the one before"
                            + " and none before 0");
                    return Optional.empty();
                }
                sends.add(t.getAsLong());
            }
        }
        long latency = 0;
        if (a.latency().isPresent()) {
            OptionalLong l = units.of(a.latency().get(), Map.of(), Units.Kind.TIME, "device latency");
            if (l.isEmpty()) {
                return Optional.empty();
            }
            if (l.getAsLong() < 0) {
                diags.report(Code.BAD_DEVICE, a.latency().get().span(), "a latency is 0 or more");
                return Optional.empty();
            }
            latency = l.getAsLong();
        }
        long rate = 0;
        if (a.bandwidth().isPresent()) {
            if (!a.per().orElseThrow().text().equals("s")) {
                diags.report(Code.BAD_DEVICE, a.per().get().span(), "a bandwidth is a size per second, as"
                        + " `100 MiB/s`: `/" + a.per().get().text() + "` is not");
                return Optional.empty();
            }
            OptionalLong b = units.of(a.bandwidth().get(), Map.of(), Units.Kind.SIZE, "device bandwidth");
            if (b.isEmpty()) {
                return Optional.empty();
            }
            if (b.getAsLong() <= 0) {
                diags.report(Code.NOT_POSITIVE, a.bandwidth().get().span(), "a bandwidth is above 0");
                return Optional.empty();
            }
            rate = b.getAsLong();
        }
        return Optional.of(new DeviceDecl(path, sends, size.getAsLong(), latency, rate, f.path().span()));
    }
}

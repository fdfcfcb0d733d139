package oss.runtime.kernel.deadlock;

import java.util.ArrayList;
import java.util.List;
import oss.ir.diag.Code;
import oss.ir.program.DeadlockPolicy;
import oss.ir.program.Op;
import oss.runtime.kernel.Core;
import oss.runtime.kernel.Task;

/**
 * claim, request and release on resource classes with instances. A request
 * is granted when the instances are free and, under `deadlock avoid`, when
 * the banker finds the state after the grant safe; otherwise the task
 * sleeps, and waiting requests are retried in the order they were made
 * whenever instances come back.
 */
public final class ResourceCalls {
    private final Core k;
    private final ResourceTable resources;
    private final DeadlockPolicy policy;
    private final List<Integer> waiters = new ArrayList<>();

    public ResourceCalls(Core k, ResourceTable resources, DeadlockPolicy policy) {
        this.k = k;
        this.resources = resources;
        this.policy = policy;
    }

    /** {@code claim}: the banker's Max row of {@code t}. */
    public boolean claim(Task t, Op.Claim c) {
        resources.row(t.pid).claim = c.max().clone();
        t.next();
        return true;
    }

    /** {@code request}: granted now, or {@code t} sleeps until it can be (false then). */
    public boolean request(Task t, Op.Request r) {
        return requestOrSleep(t, r);
    }

    /** {@code release}: the instances go back and waiting requests are retried. */
    public boolean release(Task t, Op.Release r) {
        giveBack(t, r);
        t.next();
        return true;
    }

    /** A task killed while its request waited: the request is withdrawn. */
    public void forget(int pid) {
        waiters.remove(Integer.valueOf(pid));
        ResourceTable.Row row = resources.existing(pid);
        if (row != null) {
            row.request = null;
        }
    }

    /** The kernel takes back whatever an exiting task still holds. */
    public void exited(Task t) {
        resources.releaseAll(t.pid);
        grantWaitingRequests();
    }

    private boolean requestOrSleep(Task t, Op.Request r) {
        ResourceTable.Row row = resources.row(t.pid);
        int[] amounts = r.amounts();
        if (row.claim != null) {
            for (int i = 0; i < amounts.length; i++) {
                if (row.allocation[i] + amounts[i] > row.claim[i]) {
                    k.findings().add(Code.REQUEST_ABOVE_CLAIM_RUN, r.span(), t + " requests "
                            + resources.describe(amounts) + ", more than its claim allows (it holds "
                            + resources.describe(row.allocation) + " of a claim of " + resources.describe(row.claim)
                            + "); the request is refused");
                    t.next();
                    return true;
                }
            }
        } else if (policy == DeadlockPolicy.AVOID) {
            k.findings().add(Code.REQUEST_WITHOUT_CLAIM, r.span(), t + " requests " + resources.describe(amounts)
                    + " without a claim; under `deadlock avoid` the banker needs every process's maximum first"
                    + " (the request is refused)");
            t.next();
            return true;
        }
        if (grantable(t.pid, amounts)) {
            resources.grant(t.pid, amounts);
            k.facts().record(r.span(), t, k.now(), "request", "granted at once: " + resources.describe(amounts)
                    + "; available after: " + describeAvailable(), List.of());
            t.next();
            return true;
        }
        row.request = amounts.clone();
        waiters.add(t.pid);
        String why = resources.fits(amounts) ? "granting it now would leave an unsafe state"
                : "available: " + describeAvailable();
        k.block(t, Task.Blocker.RESOURCE, -1, r.span(), resources.describe(amounts) + " (" + why + ")");
        return false;
    }

    private boolean grantable(int pid, int[] amounts) {
        if (!resources.fits(amounts)) {
            return false;
        }
        return policy != DeadlockPolicy.AVOID || resources.safeAfterGrant(pid, amounts);
    }

    private String describeAvailable() {
        int[] a = resources.available();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(resources.name(i)).append(' ').append(a[i]);
        }
        return sb.toString();
    }

    private void giveBack(Task t, Op.Release r) {
        ResourceTable.Row row = resources.row(t.pid);
        int[] amounts = r.amounts();
        for (int i = 0; i < amounts.length; i++) {
            if (amounts[i] > row.allocation[i]) {
                k.findings().add(Code.RELEASE_NOT_HELD_RUN, r.span(), t + " releases " + resources.describe(amounts)
                        + " but holds only " + resources.describe(row.allocation) + "; only what it holds is released");
                break;
            }
        }
        resources.release(t.pid, amounts);
        grantWaitingRequests();
    }

    /** After a release, waiting requests are retried in the order they were made. */
    private void grantWaitingRequests() {
        for (int i = 0; i < waiters.size(); i++) {
            Task w = k.task(waiters.get(i));
            int[] wanted = resources.row(w.pid).request;
            if (wanted != null && grantable(w.pid, wanted)) {
                resources.grant(w.pid, wanted);
                waiters.remove(i--);
                w.next();
                k.wake(w);
            }
        }
    }
}

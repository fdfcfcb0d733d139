package oss.runtime.kernel.deadlock;

/**
 * Deadlock detection for several instances per resource type (Silberschatz
 * §8.7.2). Pure and total: missing entries count as 0.
 */
public final class DeadlockDetection {

    private DeadlockDetection() {}

    /**
     * Work = Available; Finish[i] = true when Allocation_i == 0; repeatedly
     * find an unfinished i with Request_i &lt;= Work and reclaim its allocation
     * (Work += Allocation_i). Rows left unfinished are deadlocked.
     *
     * @return {@code deadlocked[i]} is true iff process i is deadlocked
     */
    public static boolean[] deadlocked(int[] available, int[][] allocation, int[][] request) {
        int m = available == null ? 0 : available.length;
        int n = Math.max(allocation == null ? 0 : allocation.length, request == null ? 0 : request.length);
        int[] work = m == 0 ? new int[0] : available.clone();
        boolean[] finish = new boolean[n];
        for (int i = 0; i < n; i++) {
            boolean holdsNothing = true;
            int[] alloc = Banker.row(allocation, i);
            for (int r = 0; r < m; r++) {
                holdsNothing &= Banker.at(alloc, r) == 0;
            }
            finish[i] = holdsNothing;
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < n; i++) {
                if (finish[i]) {
                    continue;
                }
                int[] req = Banker.row(request, i);
                boolean fits = true;
                for (int r = 0; r < m && fits; r++) {
                    fits = Banker.at(req, r) <= work[r];
                }
                if (fits) {
                    int[] alloc = Banker.row(allocation, i);
                    for (int r = 0; r < m; r++) {
                        work[r] += Banker.at(alloc, r);
                    }
                    finish[i] = true;
                    progress = true;
                }
            }
        }
        boolean[] dead = new boolean[n];
        for (int i = 0; i < n; i++) {
            dead[i] = !finish[i];
        }
        return dead;
    }
}

/* Dining philosophers, left fork first: N philosophers, K rounds each.
 * Deadlocks: every philosopher can hold its left fork and wait for its right one.
 * Equivalent to the oss scenario that bench/explore/philosophers-oss writes for
 * "leftright": the same forks, the same rounds, eating as a no-op.
 *
 * N and K come from the command line: spin -DN=5 -DK=2 -a philosophers-leftright.pml
 *
 * Each oss operation is one Promela step, so that both tools count comparable
 * states: a lock is one atomic test-and-set, an unlock one assignment, and the
 * round counter is advanced by the same step that puts the last fork down (and
 * tested by the step that takes the first), rather than by steps of its own
 * that oss does not have. Ending the loop is one step, as a process's exit is.
 */
#ifndef N
#define N 5
#endif
#ifndef K
#define K 2
#endif
#define LEFT   (_pid)
#define RIGHT  ((_pid + 1) % N)

byte fork[N];          /* 0 = free, 1 = taken */

active [N] proctype phil()
{
	byte r;        /* rounds done */
	do
	:: atomic { r < K && fork[LEFT] == 0 -> fork[LEFT] = 1 }    /* lock fork[i] */
	   atomic { fork[RIGHT] == 0 -> fork[RIGHT] = 1 }           /* lock fork[(i + 1) % N] */
	   /* eat: a no-op (oss: compute 1 ms, invisible local work) */
	   fork[RIGHT] = 0;                                         /* unlock fork[(i + 1) % N] */
	   atomic { fork[LEFT] = 0; r++ }                           /* unlock fork[i] */
	:: r == K -> break
	od
}

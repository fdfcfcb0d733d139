/* Dining philosophers, lower-numbered fork first: N philosophers, K rounds each.
 * Deadlock-free: every philosopher takes its forks in one global order, so no
 * cycle of waits can form. Equivalent to the oss scenario that
 * bench/explore/philosophers-oss writes for "ordered": the same forks, the same
 * rounds, eating as a no-op.
 *
 * N and K come from the command line: spin -DN=5 -DK=2 -a philosophers-ordered.pml
 * One Promela step per oss operation; see philosophers-leftright.pml.
 */
#ifndef N
#define N 5
#endif
#ifndef K
#define K 2
#endif
#define LEFT   (_pid)
#define RIGHT  ((_pid + 1) % N)
#define LOW    (LEFT < RIGHT -> LEFT : RIGHT)     /* min(i, (i + 1) % N) */
#define HIGH   (LEFT < RIGHT -> RIGHT : LEFT)     /* max(i, (i + 1) % N) */

byte fork[N];          /* 0 = free, 1 = taken */

active [N] proctype phil()
{
	byte r;        /* rounds done */
	do
	:: atomic { r < K && fork[LOW] == 0 -> fork[LOW] = 1 }     /* lock fork[min(..)] */
	   atomic { fork[HIGH] == 0 -> fork[HIGH] = 1 }            /* lock fork[max(..)] */
	   /* eat: a no-op (oss: compute 1 ms, invisible local work) */
	   fork[HIGH] = 0;                                         /* unlock fork[max(..)] */
	   atomic { fork[LOW] = 0; r++ }                           /* unlock fork[min(..)] */
	:: r == K -> break
	od
}

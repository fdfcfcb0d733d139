/* Dining philosophers with a doorman: N philosophers, K rounds each, every one
 * taking the left fork first, but only inside a counting semaphore room = N - 1.
 * Deadlock-free: with at most N - 1 philosophers holding forks, the circular wait
 * of leftright cannot close (one of them always finds its right fork free).
 * Equivalent to the oss scenario that bench/explore/philosophers-oss writes for
 * "room": the same forks and semaphore, the same rounds, eating as a no-op.
 *
 * N and K come from the command line: spin -DN=5 -DK=2 -a philosophers-room.pml
 * One Promela step per oss operation, as in philosophers-leftright.pml: P(room) is
 * the test-and-decrement `atomic { room > 0 -> room-- }`, which blocks at 0, and
 * V(room) an increment; the round counter is tested by the step that takes the
 * room and advanced by the step that gives it back.
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
byte room = N - 1;     /* seats left at the table */

active [N] proctype phil()
{
	byte r;        /* rounds done */
	do
	:: atomic { r < K && room > 0 -> room-- }                  /* P(room) */
	   atomic { fork[LEFT] == 0 -> fork[LEFT] = 1 }            /* lock fork[i] */
	   atomic { fork[RIGHT] == 0 -> fork[RIGHT] = 1 }          /* lock fork[(i + 1) % N] */
	   /* eat: a no-op (oss: compute 1 ms, invisible local work) */
	   fork[RIGHT] = 0;                                        /* unlock fork[(i + 1) % N] */
	   fork[LEFT] = 0;                                         /* unlock fork[i] */
	   atomic { room++; r++ }                                  /* V(room) */
	:: r == K -> break
	od
}

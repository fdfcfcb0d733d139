package oss.grader.similarity;

import java.util.ArrayList;
import java.util.List;

/**
 * k-gram hashing and winnowing (Schleimer, Wilkerson, Aiken, "Winnowing: local algorithms for
 * document fingerprinting", SIGMOD 2003). Every run of {@code k} consecutive tokens is hashed;
 * of every {@code w} consecutive hashes the smallest is kept (the rightmost of equals). Two
 * files that share a run of at least {@code w + k - 1} tokens then share a kept hash, and a
 * shared run shorter than {@code k} tokens never counts.
 */
final class Winnowing {
    private static final long BASE = 0x100000001b3L;

    private Winnowing() {}

    /** A kept hash and the index of the first token of its k-gram. */
    record Fingerprint(long hash, int position) {}

    /** The hash of every k-gram, in order: {@code tokens.size() - k + 1} of them (none if shorter). */
    static long[] kgrams(List<Token> tokens, int k) {
        int n = tokens.size() - k + 1;
        if (n <= 0) {
            return new long[0];
        }
        long[] words = new long[tokens.size()];
        for (int i = 0; i < words.length; i++) {
            words[i] = mix(tokens.get(i).text().hashCode()); // String.hashCode is fixed by the JLS: stable across runs
        }
        long top = 1;
        for (int i = 1; i < k; i++) {
            top *= BASE;
        }
        long h = 0;
        for (int i = 0; i < k; i++) {
            h = h * BASE + words[i];
        }
        long[] out = new long[n];
        out[0] = mix(h);
        for (int i = 1; i < n; i++) {
            h = (h - words[i - 1] * top) * BASE + words[i + k - 1];
            out[i] = mix(h);
        }
        return out;
    }

    /** The hashes winnowing keeps, each once per position, in order of position. */
    static List<Fingerprint> winnow(long[] hashes, int w) {
        List<Fingerprint> out = new ArrayList<>();
        if (hashes.length == 0) {
            return out;
        }
        int windows = Math.max(1, hashes.length - w + 1);
        int last = -1;
        for (int start = 0; start < windows; start++) {
            int end = Math.min(hashes.length, start + w);
            int min = start;
            for (int i = start + 1; i < end; i++) {
                if (hashes[i] <= hashes[min]) {
                    min = i;
                }
            }
            if (min != last) {
                out.add(new Fingerprint(hashes[min], min));
                last = min;
            }
        }
        return out;
    }

    /** SplitMix64's finaliser: neighbouring inputs give unrelated outputs, so the minimum is a fair pick. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

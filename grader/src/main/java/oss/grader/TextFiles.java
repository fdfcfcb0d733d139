package oss.grader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A submission's bytes to text, never more than its budget's {@code size}: a 100 MB file or
 * {@code /dev/zero} is stopped after {@code limit + 1} bytes, and binary garbage is refused before
 * the compiler sees it.
 */
final class TextFiles {
    private TextFiles() {}

    /** Reads at most {@code limit + 1} bytes of {@code in}: one more than allowed says it is too large. */
    static String read(InputStream in, long limit) throws IOException, Rejection {
        int cap = (int) Math.min(Integer.MAX_VALUE - 16, limit + 1);
        byte[] bytes = in.readNBytes(cap);
        if (bytes.length > limit) {
            throw tooLarge(limit);
        }
        return decode(bytes);
    }

    static Rejection tooLarge(long limit) {
        return new Rejection("larger than " + size(limit) + ", the assignment's budget `size`");
    }

    /** UTF-8 without NUL bytes: a scenario is text, and a NUL is the surest sign of a binary file. */
    static String decode(byte[] bytes) throws Rejection {
        for (byte b : bytes) {
            if (b == 0) {
                throw notText();
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notText();
        }
    }

    private static Rejection notText() {
        return new Rejection("not a text file (a .oss file is UTF-8 text; this one has bytes that are not)");
    }

    /** {@code 256 KiB}, {@code 1 MiB}, {@code 100 bytes}: as a budget is written. */
    static String size(long bytes) {
        if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}

package io.operadb.embeddedmongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Keys order as unsigned byte strings, whatever shortcut the comparison takes. */
class KeyBytesTest {

    @Test
    void keys_compare_as_unsigned_byte_strings() {
        Random random = new Random(42);
        byte[] alphabet = {0x00, 0x01, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
        for (int pair = 0; pair < 200_000; pair++) {
            byte[] a = randomBytes(random, alphabet);
            // often a prefix of the other, or equal to it up to a point, as neighbouring keys of an index are
            byte[] b = switch (random.nextInt(3)) {
                case 0 -> randomBytes(random, alphabet);
                case 1 -> Arrays.copyOf(a, random.nextInt(a.length + 1));
                default -> withChangedByte(a, random, alphabet);
            };
            assertThat(Integer.signum(KeyBytes.compare(a, b)))
                .as("%s against %s", Arrays.toString(a), Arrays.toString(b))
                .isEqualTo(Integer.signum(Arrays.compareUnsigned(a, b)));
            assertThat(Integer.signum(KeyBytes.compare(b, a))).isEqualTo(-Integer.signum(KeyBytes.compare(a, b)));
        }
    }

    private static byte[] randomBytes(Random random, byte[] alphabet) {
        byte[] bytes = new byte[random.nextInt(20)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return bytes;
    }

    private static byte[] withChangedByte(byte[] bytes, Random random, byte[] alphabet) {
        byte[] changed = bytes.clone();
        if (changed.length > 0) {
            changed[random.nextInt(changed.length)] = alphabet[random.nextInt(alphabet.length)];
        }
        return changed;
    }
}

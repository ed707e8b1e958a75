package app.rapport.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashesTest {

    @Test
    void theSha256OfTheEmptyInputAndOfAbcAreTheStandardOnes() {
        assertThat(Hashes.sha256(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Hashes.sha256("abc".getBytes()))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void openSslGivesTheJdksDigestAtEveryLengthAroundTheBlockBoundaries() {
        assumeTrue(OpenSslDigest.instance().isPresent(),
                "OpenSSL 3 (libcrypto.so.3) with JDK 22 or later on Linux is needed for this test");
        OpenSslDigest openSsl = OpenSslDigest.instance().orElseThrow();
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 65_537, 3_000_001}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            assertThat(HexFormat.of().formatHex(openSsl.sha256(bytes)))
                    .as("%,d bytes", length)
                    .isEqualTo(HexFormat.of().formatHex(Hashes.sha256Digest().digest(bytes)));
        }
    }

    @Test
    void aMessageTooLongToPinIsHashedByTheJdk() {
        byte[] bytes = new byte[OpenSslDigest.MAX_LENGTH + 1];
        bytes[7] = 1;
        assertThat(Hashes.sha256(bytes)).isEqualTo(HexFormat.of().formatHex(Hashes.sha256Digest().digest(bytes)));
    }
}

package app.rapport.mailbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.rapport.DataDirectory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretBoxTest {

    @TempDir
    Path data;

    @Test
    void sealsAndOpensAPasswordWithAFreshNonceEachTime() {
        SecretBox box = new SecretBox("", new DataDirectory(data.toString()));

        String once = box.seal("hunter2 ünïcode");
        String twice = box.seal("hunter2 ünïcode");

        assertThat(once).doesNotContain("hunter2").isNotEqualTo(twice);
        assertThat(box.open(once)).isEqualTo("hunter2 ünïcode");
        assertThat(box.open(twice)).isEqualTo("hunter2 ünïcode");
    }

    @Test
    void keepsItsGeneratedKeyInAFileOnlyTheOwnerCanRead() throws Exception {
        String sealed = new SecretBox("", new DataDirectory(data.toString())).seal("pw");

        Path key = data.resolve("keys/secret.key");
        assertThat(Files.getPosixFilePermissions(key)).extracting(Enum::name).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(new SecretBox("", new DataDirectory(data.toString())).open(sealed)).isEqualTo("pw");
    }

    @Test
    void anotherKeyCannotOpenItAndSaysWhatToDo() {
        String sealed = new SecretBox("", new DataDirectory(data.toString())).seal("pw");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> new SecretBox(otherKey, new DataDirectory(data.toString())).open(sealed))
                .hasMessageContaining("cannot be decrypted").hasMessageContaining("Enter the password again");
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new SecretBox("c2hvcnQ=", new DataDirectory(data.toString())))
                .hasMessageContaining("RAPPORT_SECRET_KEY").hasMessageContaining("32 random bytes");
    }
}

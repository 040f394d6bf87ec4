package dev.pipglr.setup.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault format against the real ansible-vault and Ansible's own VaultAES256. */
@Tag("tools")
class AnsibleVaultTest {

    @TempDir
    Path dir;

    @Test
    void ansibleVaultOpensWhatIsWrittenForManyTextsAndPasswords() throws Exception {
        List<String> texts = List.of(
                "concurrent = 1\n",
                "exactly sixteen!", // a whole block: PKCS#7 adds a block of padding
                "",
                "name = \"Läufer ✓ 雪\"\n".repeat(40),
                "no newline at the end");
        List<String> passwords = List.of("p", "correct horse battery staple", "pässwörd ✓", "  spaces inside  ");
        int i = 0;
        for (String text : texts) {
            for (String password : passwords) {
                Path vault = dir.resolve("v" + i);
                Path passwordFile = dir.resolve("p" + i++);
                // as both read a password file: ansible-vault and --vault-password-file of the export
                Files.writeString(passwordFile, password + "\n");
                char[] fromFile = AnsibleVault.passwordFromFile(Files.readString(passwordFile));
                Files.writeString(vault, AnsibleVault.encrypt(text.getBytes(StandardCharsets.UTF_8), fromFile));
                AnsibleTools.Result view = AnsibleTools.run(
                        null,
                        null,
                        List.of(
                                "ansible-vault",
                                "decrypt", // the bytes as they are (view adds a line break for the terminal)
                                "--output",
                                "-",
                                "--vault-password-file",
                                passwordFile.toString(),
                                vault.toString()));
                assertThat(view.exit()).as(view.output()).isZero();
                assertThat(view.output())
                        .as("text %s, password %s", text, password)
                        .isEqualTo(text);
                assertThat(AnsibleVault.passwordFromFile(Files.readString(passwordFile)))
                        .isEqualTo(password.strip().toCharArray());
            }
        }
    }

    @Test
    void theSameSaltGivesByteForByteWhatAnsiblesVaultAes256Gives() throws Exception {
        byte[] salt = new byte[32];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = (byte) (i * 7 + 3);
        }
        String text = "[[runners]]\n  token = \"glrt-example\"\n";
        String ours = AnsibleVault.encrypt(text.getBytes(StandardCharsets.UTF_8), "s3cret ✓".toCharArray(), salt);
        String script = """
                import sys
                from ansible.parsing.vault import VaultAES256, VaultSecret, format_vaulttext_envelope
                salt = bytes.fromhex(sys.argv[1])
                body = VaultAES256.encrypt(sys.argv[2].encode(), VaultSecret("s3cret ✓".encode()), salt=salt)
                sys.stdout.write(format_vaulttext_envelope(body, "AES256").decode() + "\\n")
                """;
        AnsibleTools.Result theirs = AnsibleTools.run(
                null,
                null,
                List.of(AnsibleTools.PYTHON, "-c", script, HexFormat.of().formatHex(salt), text));
        assertThat(theirs.exit()).as(theirs.output()).isZero();
        assertThat(ours.strip()).isEqualTo(theirs.output().strip());
        assertThat(ours).startsWith(AnsibleVault.HEADER + "\n").doesNotContain("glrt-example");
        assertThat(ours.lines().skip(1)).allMatch(line -> line.length() <= 80 && line.matches("[0-9a-f]+"));
    }

    @Test
    void anEmptyPasswordFileIsRefused() {
        assertThatThrownBy(() -> AnsibleVault.passwordFromFile(" \n\t\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the vault password file is empty");
    }
}

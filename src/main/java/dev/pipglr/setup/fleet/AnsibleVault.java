package dev.pipglr.setup.fleet;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts a file as {@code ansible-vault encrypt} does (format 1.1, AES256), so an export holds no secret in plain
 * text and the workstation needs no Ansible: PBKDF2-HMAC-SHA256 (10,000 rounds, 32-byte salt) gives the AES key,
 * the HMAC key and the counter; the PKCS#7-padded text is encrypted with AES-256-CTR and signed with HMAC-SHA256.
 * The tests decrypt what this writes with the real {@code ansible-vault}.
 */
public final class AnsibleVault {

    public static final String HEADER = "$ANSIBLE_VAULT;1.1;AES256";
    private static final int ROUNDS = 10_000;
    private static final int KEY_BYTES = 32;
    private static final int BLOCK_BYTES = 16;
    private static final int LINE = 80;
    private static final HexFormat HEX = HexFormat.of();

    private AnsibleVault() {}

    /**
     * A vault password as Ansible reads it from a password file: the file's text without surrounding whitespace.
     *
     * @throws IllegalArgumentException when nothing is left
     */
    public static char[] passwordFromFile(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("the vault password file is empty");
        }
        return stripped.toCharArray();
    }

    public static String encrypt(byte[] plaintext, char[] password) {
        byte[] salt = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(salt);
        return encrypt(plaintext, password, salt);
    }

    static String encrypt(byte[] plaintext, char[] password, byte[] salt) {
        byte[] derived = derive(password, salt);
        try {
            byte[] aesKey = Arrays.copyOfRange(derived, 0, KEY_BYTES);
            byte[] hmacKey = Arrays.copyOfRange(derived, KEY_BYTES, 2 * KEY_BYTES);
            byte[] counter = Arrays.copyOfRange(derived, 2 * KEY_BYTES, 2 * KEY_BYTES + BLOCK_BYTES);
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(aesKey, "AES"), new IvParameterSpec(counter));
            byte[] ciphertext = aes.doFinal(padded(plaintext));
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            String inner = HEX.formatHex(salt) + "\n" + HEX.formatHex(hmac.doFinal(ciphertext)) + "\n"
                    + HEX.formatHex(ciphertext);
            String outer = HEX.formatHex(inner.getBytes(StandardCharsets.US_ASCII));
            StringBuilder text = new StringBuilder(HEADER).append('\n');
            for (int i = 0; i < outer.length(); i += LINE) {
                text.append(outer, i, Math.min(outer.length(), i + LINE)).append('\n');
            }
            return text.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime cannot encrypt with AES-256-CTR and HMAC-SHA256", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static byte[] derive(char[] password, byte[] salt) {
        // PBEKeySpec takes characters; Ansible derives from the password's UTF-8 bytes. For non-ASCII passwords
        // the JDK's PBKDF2 also encodes as UTF-8 (PBKDF2KeyImpl), so both agree.
        PBEKeySpec spec = new PBEKeySpec(password, salt, ROUNDS, (2 * KEY_BYTES + BLOCK_BYTES) * 8);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** PKCS#7 to the AES block, as Ansible pads before CTR. */
    private static byte[] padded(byte[] plaintext) {
        int pad = BLOCK_BYTES - plaintext.length % BLOCK_BYTES;
        byte[] out = Arrays.copyOf(plaintext, plaintext.length + pad);
        Arrays.fill(out, plaintext.length, out.length, (byte) pad);
        return out;
    }
}

package dev.steward.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures as code hosts and Slack send them, checked in constant time. */
public final class Hmac {
    private Hmac() {
    }

    public static String sha256Hex(String secret, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }

    /** Compares without leaking, through timing, how much of the two strings agree. */
    public static boolean constantTimeEquals(String expected, String given) {
        if (expected == null || given == null) return false;
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code header} is {@code prefix + hex(HMAC-SHA256(secret, body))}. */
    public static boolean verify(String secret, byte[] body, String prefix, String header) {
        if (secret == null || secret.isEmpty() || header == null) return false;
        return constantTimeEquals(prefix + sha256Hex(secret, body), header.trim());
    }
}

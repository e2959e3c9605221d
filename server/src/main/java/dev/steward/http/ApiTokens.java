package dev.steward.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The bearer tokens that may write, from {@code STEWARD_API_TOKENS} ({@code name=token,...}) and a
 * tokens file (a {@code name token} pair per line). Only SHA-256 hashes are kept in memory, and a
 * presented token is compared against every one in constant time.
 */
public final class ApiTokens {
    private record Token(String name, byte[] hash) {
    }

    private final List<Token> tokens;

    private ApiTokens(List<Token> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    public static final ApiTokens NONE = new ApiTokens(List.of());

    /** Tokens from the environment variable's value and an optional file; bad lines are an error. */
    public static ApiTokens load(String environment, Path file) throws IOException {
        List<Token> out = new ArrayList<>();
        if (environment != null) {
            int n = 0;
            for (String part : environment.split(",")) {
                if (part.isBlank()) continue;
                n++;
                String[] kv = part.trim().split("=", 2);
                out.add(kv.length == 2 ? token(kv[0].trim(), kv[1].trim()) : token("token-" + n, kv[0]));
            }
        }
        if (file != null) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                if (line.isEmpty() || line.startsWith("#")) continue;
                String[] parts = line.split("[\\s=]+", 2);
                if (parts.length != 2 || parts[1].length() < 16) {
                    throw new IOException(file + ":" + (i + 1) + ": expected 'name token' with a token of 16+ characters");
                }
                out.add(token(parts[0], parts[1]));
            }
        }
        return new ApiTokens(out);
    }

    public static ApiTokens of(String name, String token) {
        return new ApiTokens(List.of(token(name, token)));
    }

    private static Token token(String name, String secret) {
        return new Token(name, sha256(secret));
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The name of the token in an {@code Authorization: Bearer …} header, or null. */
    public String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        byte[] presented = sha256(authorization.substring(7).trim());
        String match = null;
        for (Token t : tokens) {
            if (MessageDigest.isEqual(t.hash(), presented) && match == null) match = t.name();
        }
        return match;
    }

    private static byte[] sha256(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

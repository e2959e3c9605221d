package dev.steward.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer tokens from the environment and a file, matched by hash. */
class ApiTokensTest {
    @Test
    void tokensFromTheEnvironmentAndAFileAuthenticateByName(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tokens"), "# who may write\nci-bot 0123456789abcdef0123\n\n");
        ApiTokens tokens = ApiTokens.load("oncall=s3cret-oncall-token,bare-token-without-name", file);
        assertEquals("oncall", tokens.authenticate("Bearer s3cret-oncall-token"));
        assertEquals("ci-bot", tokens.authenticate("bearer 0123456789abcdef0123"));
        assertEquals("token-2", tokens.authenticate("Bearer bare-token-without-name"));
        assertNull(tokens.authenticate("Bearer s3cret-oncall-tokem"));
        assertNull(tokens.authenticate("s3cret-oncall-token"));
        assertNull(tokens.authenticate(null));
        assertTrue(ApiTokens.load(null, null).isEmpty());
    }

    @Test
    void aMalformedTokensFileIsRefusedWithItsLine(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("tokens"), "ok 0123456789abcdef0123\nshort abc\n");
        IOException e = assertThrows(IOException.class, () -> ApiTokens.load(null, file));
        assertTrue(e.getMessage().endsWith("tokens:2: expected 'name token' with a token of 16+ characters"), e.getMessage());
    }
}

package dev.steward.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.ServerProcess;
import dev.steward.testing.TestRepo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM lets a request in flight finish before the server stops. */
@Timeout(120)
class GracefulShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermFinishesTheRequestInFlight() throws Exception {
        StringBuilder catalog = new StringBuilder(dev.steward.testing.Yaml.group("team-a", "members: [ana]")
                + dev.steward.testing.Yaml.user("ana"));
        for (int i = 0; i < 30_000; i++) {
            catalog.append("---\napiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: table-").append(i)
                    .append("\n  description: a table with a description long enough to make the answer heavy\n")
                    .append("spec:\n  type: iceberg-table\n  owner: team-a\n");
        }
        Path repoDir;
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("all.yaml", catalog.toString()).commit("big");
            repoDir = repo.root();
        }
        try (ServerProcess server = ServerProcess.start(tmp.resolve("server.log"), Map.of(), "--repo", repoDir.toString(),
                "--db", tmp.resolve("s.db").toString(), "--poll", "0")) {
            // Unpaged and cold: Backstage's shape of 30,000 entities takes a while to build and send.
            CompletableFuture<HttpResponse<byte[]>> inFlight = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(URI.create(server.base() + "/api/catalog/entities")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            Thread.sleep(300);
            assertTrue(!inFlight.isDone(), "the request must still be in flight when SIGTERM comes");
            server.process().destroy(); // SIGTERM
            HttpResponse<byte[]> response = inFlight.get(60, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertTrue(response.body().length > 1_000_000, "the whole answer arrived: " + response.body().length);
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server stopped afterwards");
            assertTrue(server.log().contains("stopping: finishing requests in flight"), server.log());
        }
    }
}

package dev.steward.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.testing.ServerProcess;
import dev.steward.testing.TestRepo;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
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
            // Unpaged and cold: Backstage's shape of 30,000 entities takes a while to build and send. The request
            // is written on a connection the server has accepted before SIGTERM, however slow the machine is.
            URI base = URI.create(server.base());
            try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
                socket.getOutputStream().write(("GET /api/catalog/entities HTTP/1.1\r\nHost: " + base.getHost()
                        + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                server.process().destroy(); // SIGTERM
                byte[] response = socket.getInputStream().readAllBytes();
                String head = new String(response, 0, Math.min(response.length, 200), java.nio.charset.StandardCharsets.US_ASCII);
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(response.length > 1_000_000, "the whole answer arrived: " + response.length);
            }
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "the server stopped afterwards");
            assertTrue(server.log().contains("stopping: finishing requests in flight"), server.log());
        }
    }
}

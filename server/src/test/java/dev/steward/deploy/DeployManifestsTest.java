package dev.steward.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlFile;
import dev.steward.catalog.model.Values;
import dev.steward.testing.Cli;
import dev.steward.testing.ProjectPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes manifests and the Dockerfile agree with the server they deploy. */
class DeployManifestsTest {
    private static final Path DEPLOY = ProjectPaths.root().resolve("deploy");

    @TempDir
    Path tmp;

    private static Map<String, Map<String, Object>> manifests() throws Exception {
        Map<String, Map<String, Object>> byKind = new HashMap<>();
        try (var files = Files.list(DEPLOY.resolve("k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                YamlFile yaml = new SafeYamlReader().read(f.toString(), Files.readAllBytes(f));
                assertTrue(yaml.problems().isEmpty(), yaml.problems().toString());
                yaml.documents().forEach(d -> byKind.put((String) Values.map(d.root()).get("kind"), Values.map(d.root())));
            }
        }
        return byKind;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> root, String... path) {
        Object node = root;
        for (String p : path) {
            node = node instanceof List<?> l ? l.get(Integer.parseInt(p)) : ((Map<String, Object>) node).get(p);
        }
        return (Map<String, Object>) node;
    }

    @Test
    void deploymentServiceConfigMapAndSecretAreThere() throws Exception {
        Map<String, Map<String, Object>> m = manifests();
        assertTrue(m.keySet().containsAll(List.of("Deployment", "Service", "ConfigMap", "Secret")), m.keySet().toString());
        Map<String, Object> container = at(m.get("Deployment"), "spec", "template", "spec", "containers", "0");
        assertEquals("/healthz", at(container, "livenessProbe", "httpGet").get("path"));
        assertEquals("/readyz", at(container, "readinessProbe", "httpGet").get("path"));
        assertEquals(7070L, ((Number) at(container, "ports", "0").get("containerPort")).longValue());
        Map<String, Object> secret = at(m.get("Secret"), "stringData");
        assertTrue(secret.containsKey("STEWARD_API_TOKENS") && secret.containsKey("STEWARD_DB_URL"), secret.toString());
    }

    @Test
    void configMapHoldsAConfigurationTheServerAccepts() throws Exception {
        String yaml = (String) at(manifests().get("ConfigMap"), "data").get("steward.yaml");
        Path config = Files.writeString(tmp.resolve("steward.yaml"), yaml);
        // `serve --help` parses every setting of the file; an unknown or misspelt one fails with its line.
        Cli.Run run = Cli.withEnvironment(Map.of(), "serve", "--config", config.toString(), "--help");
        assertEquals(0, run.code(), run.out() + run.err());
        assertFalse(run.err().contains("unknown setting"), run.err());
        assertTrue(yaml.contains("port: 7070"));
    }

    @Test
    void dockerfileRunsServeAsNonRootAndExposesThePort() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("USER 10001"));
        assertTrue(dockerfile.contains("EXPOSE 7070"));
        assertTrue(dockerfile.contains("\"-jar\", \"/app/steward.jar\", \"serve\""));
    }
}

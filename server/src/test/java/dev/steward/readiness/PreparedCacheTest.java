package dev.steward.readiness;

import static dev.steward.testing.Yaml.component;
import static dev.steward.testing.Yaml.doc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.ManifestLoader;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.git.CatalogRepository;
import dev.steward.git.CommitCatalogs;
import dev.steward.git.SyncSettings;
import dev.steward.testing.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload carries prepared readiness over for what the change cannot reach, and re-evaluates what it
 * can: the changed entity and its lineage. Either way the answers equal a fresh evaluation.
 */
class PreparedCacheTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    /** lone-job stands apart; feed-job feeds sink-job, whose rule reads its producers. */
    private static final String JOBS = ReadinessApiTest.JOBS
            + component("feed-job", "type: flink-job\nowner: streaming\ncheckpointing: {interval: 1m, timeout: 5m}")
            + component("sink-job", "type: flink-job\nowner: streaming\ndependsOn: [component:feed-job]")
            + component("lone-job", "type: flink-job\nowner: streaming");
    private static final String UPSTREAM = ReadinessApiTest.CHECKLIST.replace("  checks:\n", """
              checks:
                - id: upstream-checkpointed
                  level: bronze
                  rule: producers().all(p, has(p.spec.checkpointing))
            """);

    @TempDir
    Path tmp;

    @Test
    void aReloadReevaluatesOnlyWhatTheChangeReachesAndAnswersAsAFreshEvaluation() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp); CatalogRepository repository = repo.open()) {
            repo.manifest("org.yaml", ReadinessApiTest.ORG).manifest("readiness.yaml", UPSTREAM)
                    .manifest("jobs.yaml", JOBS).commit("main");
            CommitCatalogs commits = new CommitCatalogs(repository, new SyncSettings("main", "catalog-yaml", "runbooks",
                    Duration.ZERO, 1 << 20, 0), new ManifestLoader(), null);
            Catalog before = commits.at(repository.resolve("HEAD"), null);
            org.junit.jupiter.api.Assertions.assertTrue(before.isValid(), () -> before.problems().toString());
            PreparedCache cache = PreparedCache.empty(before);
            ReadinessEvaluator first = new ReadinessEvaluator(before, Voids.BY_VALUE, ref -> Map.of(), cache);
            before.entities().forEach(e -> first.evaluate(e, Evidence.NONE, NOW));
            Prepared lone = prepared(cache, before, "lone-job");
            Prepared sink = prepared(cache, before, "sink-job");
            assertEquals(CheckStatus.PASS, sink.checklists().get(0).checks().get(0).status());

            repo.manifest("jobs.yaml", JOBS.replace("checkpointing: {interval: 1m, timeout: 5m}", "parallelism: 2"));
            Catalog after = commits.at(repo.commit("feed-job loses its checkpointing"), before);
            PreparedCache next = cache.next(after);
            ReadinessEvaluator second = new ReadinessEvaluator(after, Voids.BY_VALUE, ref -> Map.of(), next);
            ReadinessEvaluator fresh = new ReadinessEvaluator(after, Voids.BY_VALUE);
            for (Entity e : after.entities()) {
                assertEquals(fresh.evaluate(e, Evidence.NONE, NOW), second.evaluate(e, Evidence.NONE, NOW), e.toString());
            }
            assertSame(lone, prepared(next, after, "lone-job"), "out of the change's reach: carried over");
            Prepared sinkAfter = prepared(next, after, "sink-job");
            assertNotSame(sink, sinkAfter, "downstream of the change: evaluated again");
            assertEquals(CheckStatus.FAIL, sinkAfter.checklists().get(0).checks().get(0).status());
        }
    }

    @Test
    void changedRulesStartFromEmpty() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp)) {
            repo.manifest("org.yaml", ReadinessApiTest.ORG).manifest("readiness.yaml", UPSTREAM)
                    .manifest("jobs.yaml", JOBS).commit("main");
            Catalog before = repo.load();
            PreparedCache cache = PreparedCache.empty(before);
            new ReadinessEvaluator(before, Voids.BY_VALUE, ref -> Map.of(), cache)
                    .evaluate(before.entity(EntityRef.parse("component:lone-job")), Evidence.NONE, NOW);
            repo.manifest("more.yaml", doc("ReadinessChecklist", "extra", "checks:\n  - {id: x, rule: \"true\"}"));
            Catalog after = repo.commitAndLoad();
            assertEquals(0, cache.next(after).size());
        }
    }

    private static Prepared prepared(PreparedCache cache, Catalog catalog, String name) {
        return cache.get(catalog.entity(EntityRef.parse("component:" + name)), e -> {
            throw new AssertionError("not in the cache: " + name);
        });
    }
}

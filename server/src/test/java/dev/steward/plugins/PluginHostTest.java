package dev.steward.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.SourceLocation;
import dev.steward.plugin.ChangeClassifier;
import dev.steward.plugin.EntityChange;
import dev.steward.plugin.Event;
import dev.steward.plugin.Notifier;
import dev.steward.plugin.PluginContext;
import dev.steward.plugin.StewardPlugin;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every call into a plugin is isolated: what one plugin throws never reaches the caller or another plugin. */
class PluginHostTest {
    private static final EntityChange CHANGE = new EntityChange("api:default/orders", Map.of(), Map.of(),
            Set.of("schema-change"), List::of);

    record Classifier(String name, java.util.function.Function<EntityChange, Set<String>> body) implements ChangeClassifier {
        @Override
        public Set<String> classify(EntityChange change) {
            return body.apply(change);
        }
    }

    record Recorder(String name, List<Event> seen, CountDownLatch latch) implements Notifier {
        @Override
        public void notify(Event event) {
            seen.add(event);
            latch.countDown();
        }
    }

    @Test
    void throwingClassifierLeavesTheSetAsItWasAndTheNextOneStillRuns() {
        PluginHost host = PluginHost.of(Map.of(),
                new Classifier("broken", c -> {
                    throw new IllegalStateException("no schema registry");
                }),
                new Classifier("adds", c -> {
                    Set<String> out = new java.util.LinkedHashSet<>(c.detected());
                    out.add("schema-change-breaking");
                    return out;
                }));
        PluginHost.Classification c = host.classify(CHANGE);
        assertEquals(Set.of("schema-change", "schema-change-breaking"), c.responsibilities());
        assertEquals(List.of("plugin broken failed to classify this change: IllegalStateException: no schema registry"),
                c.notes());
        assertEquals(1, host.plugins().get(0).failures().get());
    }

    @Test
    void throwingNotifierDoesNotStopTheOthersOrTheCaller() throws Exception {
        List<Event> seen = new CopyOnWriteArrayList<>();
        CountDownLatch latch = new CountDownLatch(2);
        Notifier broken = new Notifier() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public void notify(Event event) {
                throw new NoClassDefFoundError("org/missing/Dependency");
            }
        };
        try (PluginHost host = PluginHost.of(Map.of(), broken, new Recorder("recorder", seen, latch))) {
            host.notify(Event.SNAPSHOT_LOADED, Map.of("commit", "abc"));
            host.notify(Event.ACTION_OVERDUE, Map.of("action", 7));
            assertTrue(latch.await(5, TimeUnit.SECONDS));
            assertEquals(List.of(Event.SNAPSHOT_LOADED, Event.ACTION_OVERDUE), seen.stream().map(Event::type).toList());
            assertEquals("abc", seen.get(0).data().get("commit"));
            assertEquals(2, host.plugins().get(0).failures().get());
        }
    }

    @Test
    void validatorErrorsComeAtTheLineOfTheirField() {
        dev.steward.plugin.EntityValidator v = new dev.steward.plugin.EntityValidator() {
            @Override
            public String name() {
                return "rules";
            }

            @Override
            public List<Finding> validate(EntityDocument e) {
                return List.of(Finding.error("spec.owner", "owner must be a team"), Finding.warning("", "whole entity"));
            }
        };
        PluginHost host = PluginHost.of(Map.of(), v);
        Entity entity = new Entity(EntityRef.parse("component:default/web"), "backstage.io/v1alpha1", "Component",
                Map.of("spec", Map.of("owner", "ana")), new SourceLocation("catalog-yaml/a.yaml", 3), Map.of());
        var problems = host.validation().validate(entity, field -> field.equals("spec.owner") ? 9 : 3);
        assertEquals("catalog-yaml/a.yaml:9: owner must be a team [rules]", problems.get(0).format());
        assertEquals("catalog-yaml/a.yaml:3: warning: whole entity [rules]", problems.get(1).format());
    }

    @Test
    void settingsComeFromSystemPropertiesThenEnvironment() {
        String[] seen = new String[2];
        StewardPlugin p = new StewardPlugin() {
            @Override
            public String name() {
                return "webhook-notifier";
            }

            @Override
            public void configure(PluginContext context) {
                seen[0] = context.setting("url").orElse(null);
                seen[1] = context.setting("secret").orElse(null);
            }
        };
        System.setProperty("steward.plugin.webhook-notifier.url", "https://hooks.example.com/x");
        try {
            PluginHost.of(Map.of("STEWARD_PLUGIN_WEBHOOK_NOTIFIER_URL", "https://ignored.example.com",
                    "STEWARD_PLUGIN_WEBHOOK_NOTIFIER_SECRET", "s3cret"), p);
        } finally {
            System.clearProperty("steward.plugin.webhook-notifier.url");
        }
        assertEquals("https://hooks.example.com/x", seen[0]);
        assertEquals("s3cret", seen[1]);
    }

    @Test
    void builtInsAreFoundByServiceLoader() throws IOException {
        PluginHost host = PluginHost.load(null, Map.of());
        var names = host.plugins().stream().map(PluginHost.Loaded::name).toList();
        assertTrue(names.contains("avro") && names.contains("webhook-notifier"), names.toString());
        assertTrue(host.loadProblems().isEmpty(), host.loadProblems().toString());
    }
}

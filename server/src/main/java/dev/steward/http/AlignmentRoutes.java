package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.get;

import dev.steward.alignment.Finding;
import dev.steward.alignment.store.AlignmentService;
import dev.steward.alignment.store.AlignmentState;
import dev.steward.catalog.model.EntityRef;
import io.javalin.apibuilder.EndpointGroup;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** {@code GET /api/alignment}: the findings of the last scans, filtered by kind, owner or entity, with their sources. */
final class AlignmentRoutes {
    private final AlignmentService alignment;
    private final Clock clock;

    AlignmentRoutes(AlignmentService alignment, Clock clock) {
        this.alignment = alignment;
        this.clock = clock;
    }

    EndpointGroup group() {
        return () -> get("/api/alignment", this::findings);
    }

    /** A finding as answered: where it came from, when that source last saw it, and whether it is stale. */
    record Item(String kind, EntityRef entity, String source, String asset, String field, Object declared, Object actual,
                EntityRef owner, Instant foundAt, long ageSeconds, boolean stale) {
    }

    record Source(String source, Instant lastScanAt, Instant lastOkAt, String error, long assets, boolean stale) {
    }

    record Answer(List<Item> findings, List<Source> sources, int total) {
    }

    void findings(Context ctx) {
        if (alignment == null || !alignment.configured()) {
            throw new ApiError(404, "no platform sources are configured (platform.sources in steward.yaml)");
        }
        Finding.Kind kind = kind(ctx.queryParam("kind"));
        EntityRef owner = ref(ctx.queryParam("owner"), "group", "owner");
        EntityRef entity = ref(ctx.queryParam("entity"), null, "entity");
        AlignmentState state = alignment.state();
        Instant now = clock.instant();
        List<Item> items = state.findings().stream()
                .filter(f -> kind == null || f.finding().kind() == kind)
                .filter(f -> owner == null || owner.equals(f.finding().owner()))
                .filter(f -> entity == null || entity.equals(f.finding().entity()))
                .map(f -> new Item(f.finding().kind().label(), f.finding().entity(), f.finding().source(), f.finding().asset(),
                        f.finding().field(), f.finding().declared(), f.finding().actual(), f.finding().owner(), f.foundAt(),
                        Duration.between(f.foundAt(), now).toSeconds(), f.stale()))
                .toList();
        List<Source> sources = state.sources().stream().map(s -> new Source(s.source(), s.lastScanAt(), s.lastOkAt(),
                s.error(), s.assets(), s.stale())).toList();
        ctx.json(new Answer(items, sources, items.size()));
    }

    private static Finding.Kind kind(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return Finding.Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("kind must be unmanaged, missing or drift, not '" + text + "'");
        }
    }

    private static EntityRef ref(String text, String defaultKind, String name) {
        if (text == null || text.isBlank()) return null;
        try {
            return EntityRef.parse(text.trim(), defaultKind, EntityRef.DEFAULT_NAMESPACE);
        } catch (EntityRef.RefFormatException e) {
            throw ApiError.badRequest(name + ": " + e.getMessage());
        }
    }
}

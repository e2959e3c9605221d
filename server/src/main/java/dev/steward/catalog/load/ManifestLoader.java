package dev.steward.catalog.load;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.load.yaml.SafeYamlReader;
import dev.steward.catalog.load.yaml.YamlLimits;
import dev.steward.catalog.model.Definition;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.SourceDelta;
import dev.steward.catalog.model.SourceFile;
import java.time.Clock;
import java.util.List;

/**
 * Builds {@link Catalog}s from manifest files: a full load from every file of a revision, or a
 * reload that applies only what changed since a previous snapshot. Both give the same catalog for
 * the same files. One bad file never hides the problems of another.
 */
public final class ManifestLoader {
    private final CatalogBuilder builder;
    private final Clock clock;

    /** How long a runbook may go without review before it is reported as stale. */
    public static final int DEFAULT_RUNBOOK_MAX_AGE_DAYS = 180;

    public ManifestLoader(YamlLimits limits, Clock clock, int runbookMaxAgeDays) {
        this(limits, clock, runbookMaxAgeDays, EntityValidation.NONE);
    }

    /** A loader that also runs {@code validation} (plugins' validators) on every entity it reads. */
    public ManifestLoader(YamlLimits limits, Clock clock, int runbookMaxAgeDays, EntityValidation validation) {
        this.builder = new CatalogBuilder(new SafeYamlReader(limits), runbookMaxAgeDays, validation);
        this.clock = clock;
    }

    public ManifestLoader() {
        this(YamlLimits.DEFAULT, Clock.systemUTC(), DEFAULT_RUNBOOK_MAX_AGE_DAYS);
    }

    /** A full load: the delta must list every file of the revision. */
    public Catalog load(SourceDelta source) {
        if (!source.full()) throw new IllegalArgumentException("a full load needs a full delta");
        return builder.apply(null, source, clock.instant());
    }

    /** The entities one manifest file defines, read on its own (for history, not validation). */
    public static List<Entity> entitiesIn(String path, byte[] content) {
        return FileReader.read(SourceFile.of(path, "", content), new SafeYamlReader())
                .definitions().stream().map(Definition::entity).toList();
    }

    /** The catalog of {@code delta}'s revision, from {@code previous} and what changed since. */
    public Catalog apply(Catalog previous, SourceDelta delta) {
        return builder.apply(previous, delta, clock.instant());
    }
}

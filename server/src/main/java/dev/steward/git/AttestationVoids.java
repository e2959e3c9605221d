package dev.steward.git;

import dev.steward.catalog.model.Entity;
import dev.steward.readiness.Attestation;
import dev.steward.readiness.Voids;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jgit.lib.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Void attestations from Git history: an attestation is void once a {@code voidOn} path of its entity
 * changed value in a commit after the attestation's (first-parent history of the served commit), so
 * a change that was reverted still voids it. Answers are remembered per served commit. Where the
 * attestation's commit is not in that history (a force-push, a history too long to walk), the values
 * recorded with the attestation are compared instead.
 */
public final class AttestationVoids implements Voids {
    private static final Logger LOG = LoggerFactory.getLogger(AttestationVoids.class);
    private static final int MAX_COMMITS = 10_000;

    private record Answers(String commit, Map<Long, Optional<VoidedBy>> byAttestation) {
    }

    private final CatalogRepository repository;
    private final String catalogPath;
    private final AtomicReference<Answers> answers = new AtomicReference<>(new Answers(null, Map.of()));

    public AttestationVoids(CatalogRepository repository, String catalogPath) {
        this.repository = repository;
        this.catalogPath = catalogPath;
    }

    @Override
    public VoidedBy voidedBy(Attestation attestation, Entity entity, List<String> voidOn, String commit) {
        if (commit == null || !ObjectId.isId(commit) || !ObjectId.isId(attestation.commit())) {
            return BY_VALUE.voidedBy(attestation, entity, voidOn, commit);
        }
        if (commit.equals(attestation.commit())) return null;
        Answers current = answers.get();
        if (!commit.equals(current.commit())) {
            Answers fresh = new Answers(commit, new ConcurrentHashMap<>());
            current = answers.compareAndSet(current, fresh) ? fresh : answers.get();
        }
        return current.byAttestation().computeIfAbsent(attestation.id(),
                id -> Optional.ofNullable(fromHistory(attestation, entity, voidOn, commit))).orElse(null);
    }

    private VoidedBy fromHistory(Attestation attestation, Entity entity, List<String> voidOn, String commit) {
        try {
            String[] change = EntityHistory.firstChangeAfter(repository, ObjectId.fromString(commit),
                    ObjectId.fromString(attestation.commit()), catalogPath, entity.ref(), voidOn, MAX_COMMITS);
            if (change != null) return change.length == 0 ? null : new VoidedBy(change[0], change[1]);
        } catch (IOException | RuntimeException e) {
            LOG.warn("reading the history of {} for attestation {} failed; comparing recorded values: {}",
                    entity.ref(), attestation.id(), e.toString());
        }
        return BY_VALUE.voidedBy(attestation, entity, voidOn, commit);
    }
}

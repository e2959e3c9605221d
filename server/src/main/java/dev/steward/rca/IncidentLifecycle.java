package dev.steward.rca;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules of an incident's life, without a database or a clock: which status may follow which
 * ({@link IncidentStatus#next()}), who may sign off its RCA, and that closing needs every reviewer
 * party's quorum ({@link Party#min()} distinct members). It decides; the service loads and stores.
 */
public final class IncidentLifecycle {
    private IncidentLifecycle() {
    }

    /** When the incident was mitigated, resolved and closed; each null until then. */
    public record Milestones(Instant mitigatedAt, Instant resolvedAt, Instant closedAt) {
    }

    /** What the lifecycle needs to know of an incident as stored. */
    public record Current(IncidentStatus status, Milestones milestones, List<Party> reviewers,
                          Set<EntityRef> signedOff) {
        public Current {
            reviewers = List.copyOf(reviewers);
            signedOff = Set.copyOf(signedOff);
        }
    }

    /**
     * What an update does: the status and milestones after it, the sign-off to record (or null) and
     * the timeline entries that say so, in order.
     */
    public record Decision(IncidentStatus status, Milestones milestones, EntityRef signOff, List<String> timeline) {
        public Decision {
            timeline = List.copyOf(timeline);
        }
    }

    /**
     * Decides an update: refuses a transition {@link IncidentStatus#next()} does not allow (a
     * {@link Conflict}), a sign-off by someone not among the reviewers ({@link InvalidInput}) and closing
     * without the quorum (a {@link Conflict}); a sign-off given in the same update counts. Moving to
     * mitigated or resolved stamps {@code now} unless the time is given; resolving also fills a missing
     * mitigation time with the resolution's, as an incident fixed outright was mitigated then.
     */
    public static Decision decide(Current current, UpdateIncident change, Instant now) {
        IncidentStatus from = current.status();
        IncidentStatus to = change.status() == null ? from : change.status();
        if (to != from) checkTransition(from, to);
        List<String> timeline = new ArrayList<>();
        Set<EntityRef> signed = new HashSet<>(current.signedOff());
        if (change.signOff() != null) {
            checkReviewer(current.reviewers(), change.signOff());
            signed.add(change.signOff());
            timeline.add("RCA signed off by " + change.signOff());
        }
        if (to == IncidentStatus.CLOSED && from != IncidentStatus.CLOSED) {
            missingSignOffs(current.reviewers(), signed).ifPresent(missing -> {
                throw new Conflict("closing needs the RCA reviewers' sign-off: " + missing);
            });
        }
        Milestones was = current.milestones();
        Instant mitigated = change.mitigatedAt() != null ? change.mitigatedAt() : was.mitigatedAt();
        Instant resolved = change.resolvedAt() != null ? change.resolvedAt() : was.resolvedAt();
        if (to != from) {
            if (to == IncidentStatus.MITIGATED && mitigated == null) mitigated = now;
            if (to == IncidentStatus.RESOLVED) {
                if (resolved == null) resolved = now;
                if (mitigated == null) mitigated = resolved;
            }
            timeline.add("status " + from.label() + " → " + to.label());
        }
        Instant closed = to == IncidentStatus.CLOSED && was.closedAt() == null ? now : was.closedAt();
        return new Decision(to, new Milestones(mitigated, resolved, closed), change.signOff(), timeline);
    }

    /** Refuses, as a {@link Conflict} naming the way forward, a move {@code from} does not allow. */
    public static void checkTransition(IncidentStatus from, IncidentStatus to) {
        if (to == from || from.next().contains(to)) return;
        throw new Conflict("an incident cannot go from " + from.label() + " to " + to.label()
                + (from.next().isEmpty() ? "; it is closed" : "; next: " + String.join(" or ", from.nextLabels())));
    }

    /** Refuses a sign-off by a user who is a member of none of the reviewer parties. */
    public static void checkReviewer(List<Party> reviewers, EntityRef reviewer) {
        if (reviewers.stream().anyMatch(p -> p.members().contains(reviewer))) return;
        throw new InvalidInput("signOff", reviewer + " is not among the RCA reviewers ("
                + reviewers.stream().map(p -> p.ref().toString()).collect(Collectors.joining(", ")) + ")");
    }

    /** Empty when every reviewer party has its {@code min} distinct sign-offs, else what is missing. */
    public static Optional<String> missingSignOffs(List<Party> reviewers, Set<EntityRef> signed) {
        List<String> missing = new ArrayList<>();
        for (Party party : reviewers) {
            long count = party.members().stream().filter(signed::contains).count();
            if (count < party.min()) {
                missing.add(party.ref() + " needs " + (party.min() - count) + " more of "
                        + party.members().stream().map(EntityRef::toString).collect(Collectors.joining(", ")));
            }
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }
}

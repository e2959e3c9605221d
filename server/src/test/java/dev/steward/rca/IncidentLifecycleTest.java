package dev.steward.rca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.steward.catalog.model.EntityRef;
import dev.steward.resolve.Party;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle's rules on plain values: no database, no clock. */
class IncidentLifecycleTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-24T02:14:00Z");
    private static final EntityRef GUS = EntityRef.parse("user:default/gus");
    private static final EntityRef HANA = EntityRef.parse("user:default/hana");
    private static final EntityRef DANA = EntityRef.parse("user:default/dana");
    private static final Party SRE = new Party(EntityRef.parse("group:default/sre"), 2, List.of(GUS, HANA), List.of());
    private static final Party LAKEHOUSE = new Party(EntityRef.parse("group:default/lakehouse"), 1, List.of(DANA),
            List.of());
    private static final IncidentLifecycle.Milestones NONE = new IncidentLifecycle.Milestones(null, null, null);
    private static final Map<IncidentStatus, Set<IncidentStatus>> ALLOWED = Map.of(
            IncidentStatus.OPEN, EnumSet.of(IncidentStatus.MITIGATED, IncidentStatus.RESOLVED),
            IncidentStatus.MITIGATED, EnumSet.of(IncidentStatus.RESOLVED),
            IncidentStatus.RESOLVED, EnumSet.of(IncidentStatus.POSTMORTEM),
            IncidentStatus.POSTMORTEM, EnumSet.of(IncidentStatus.CLOSED),
            IncidentStatus.CLOSED, EnumSet.noneOf(IncidentStatus.class));

    private static IncidentLifecycle.Current at(IncidentStatus status, Set<EntityRef> signed, Party... reviewers) {
        return new IncidentLifecycle.Current(status, NONE, List.of(reviewers), signed);
    }

    private static IncidentLifecycle.Decision decide(IncidentLifecycle.Current current, Map<String, Object> body) {
        return IncidentLifecycle.decide(current, UpdateIncident.parse(body), NOW);
    }

    static Stream<Arguments> everyMove() {
        List<Arguments> out = new ArrayList<>();
        for (IncidentStatus from : IncidentStatus.values()) {
            for (IncidentStatus to : IncidentStatus.values()) {
                if (from != to) out.add(Arguments.of(from, to, ALLOWED.get(from).contains(to)));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} → {1} allowed: {2}")
    @MethodSource("everyMove")
    void onlyTheForwardMovesAreAllowed(IncidentStatus from, IncidentStatus to, boolean allowed) {
        IncidentLifecycle.Current current = at(from, Set.of());
        Map<String, Object> body = Map.of("status", to.label());
        if (allowed) {
            IncidentLifecycle.Decision decision = decide(current, body);
            assertEquals(to, decision.status());
            assertEquals(List.of("status " + from.label() + " → " + to.label()), decision.timeline());
        } else {
            Conflict refused = assertThrows(Conflict.class, () -> decide(current, body));
            assertTrue(refused.getMessage().startsWith("an incident cannot go from " + from.label() + " to " + to.label()),
                    refused.getMessage());
        }
    }

    @Test
    void aRefusalNamesTheWayForwardOrThatTheIncidentIsClosed() {
        assertEquals("an incident cannot go from open to closed; next: mitigated or resolved",
                assertThrows(Conflict.class, () -> IncidentLifecycle.checkTransition(IncidentStatus.OPEN,
                        IncidentStatus.CLOSED)).getMessage());
        assertEquals("an incident cannot go from closed to open; it is closed",
                assertThrows(Conflict.class, () -> IncidentLifecycle.checkTransition(IncidentStatus.CLOSED,
                        IncidentStatus.OPEN)).getMessage());
    }

    @Test
    void theSameStatusAgainIsNoMoveAndWritesNoTimeline() {
        for (IncidentStatus status : IncidentStatus.values()) {
            IncidentLifecycle.Decision decision = decide(at(status, Set.of()), Map.of("status", status.label()));
            assertEquals(status, decision.status());
            assertEquals(List.of(), decision.timeline());
        }
    }

    @Test
    void mitigatingStampsNowUnlessTheTimeIsGiven() {
        assertEquals(NOW, decide(at(IncidentStatus.OPEN, Set.of()), Map.of("status", "mitigated"))
                .milestones().mitigatedAt());
        assertEquals(EARLIER, decide(at(IncidentStatus.OPEN, Set.of()), Map.of("status", "mitigated",
                "mitigatedAt", EARLIER.toString())).milestones().mitigatedAt());
    }

    @Test
    void resolvingOutrightCountsAsMitigatedWhenResolved() {
        IncidentLifecycle.Milestones m = decide(at(IncidentStatus.OPEN, Set.of()),
                Map.of("status", "resolved", "resolvedAt", EARLIER.toString())).milestones();
        assertEquals(EARLIER, m.resolvedAt());
        assertEquals(EARLIER, m.mitigatedAt());
        assertNull(m.closedAt());
    }

    @Test
    void resolvingKeepsAnEarlierMitigation() {
        IncidentLifecycle.Current mitigated = new IncidentLifecycle.Current(IncidentStatus.MITIGATED,
                new IncidentLifecycle.Milestones(EARLIER, null, null), List.of(), Set.of());
        IncidentLifecycle.Milestones m = decide(mitigated, Map.of("status", "resolved")).milestones();
        assertEquals(EARLIER, m.mitigatedAt());
        assertEquals(NOW, m.resolvedAt());
    }

    @Test
    void closingWithoutTheQuorumIsRefusedNamingWhatIsMissing() {
        Conflict refused = assertThrows(Conflict.class, () -> decide(at(IncidentStatus.POSTMORTEM, Set.of(GUS), SRE),
                Map.of("status", "closed")));
        assertEquals("closing needs the RCA reviewers' sign-off: group:default/sre needs 1 more of "
                + "user:default/gus, user:default/hana", refused.getMessage());
    }

    @Test
    void closingWithTheQuorumOfEveryPartyStampsTheCloseTime() {
        IncidentLifecycle.Decision decision = decide(at(IncidentStatus.POSTMORTEM, Set.of(GUS, HANA, DANA), SRE,
                LAKEHOUSE), Map.of("status", "closed"));
        assertEquals(IncidentStatus.CLOSED, decision.status());
        assertEquals(NOW, decision.milestones().closedAt());
    }

    @Test
    void everyReviewerPartyNeedsItsOwnQuorum() {
        assertEquals(Optional.of("group:default/lakehouse needs 1 more of user:default/dana"),
                IncidentLifecycle.missingSignOffs(List.of(SRE, LAKEHOUSE), Set.of(GUS, HANA)));
        assertEquals(Optional.empty(), IncidentLifecycle.missingSignOffs(List.of(), Set.of()), "no reviewers, no quorum");
    }

    @Test
    void aSignOffInTheClosingUpdateCountsTowardsTheQuorum() {
        IncidentLifecycle.Decision decision = decide(at(IncidentStatus.POSTMORTEM, Set.of(GUS), SRE),
                Map.of("status", "closed", "signOff", "hana"));
        assertEquals(IncidentStatus.CLOSED, decision.status());
        assertEquals(HANA, decision.signOff());
        assertEquals(List.of("RCA signed off by user:default/hana", "status postmortem → closed"), decision.timeline());
    }

    @Test
    void aSignOffByAUserOutsideTheReviewersIsRefusedNamingTheField() {
        InvalidInput refused = assertThrows(InvalidInput.class, () -> decide(at(IncidentStatus.POSTMORTEM, Set.of(), SRE),
                Map.of("signOff", "user:dana")));
        assertEquals("signOff", refused.field());
        assertEquals("signOff: user:default/dana is not among the RCA reviewers (group:default/sre)",
                refused.getMessage());
    }

    @Test
    void aSignOffNeedsNoStatusChange() {
        IncidentLifecycle.Decision decision = decide(at(IncidentStatus.RESOLVED, Set.of(), SRE), Map.of("signOff", "gus"));
        assertEquals(IncidentStatus.RESOLVED, decision.status());
        assertEquals(GUS, decision.signOff());
        assertEquals(NONE, decision.milestones());
    }

    @Test
    void anInvalidTransitionIsRefusedBeforeTheSignOffIsLookedAt() {
        assertThrows(Conflict.class, () -> decide(at(IncidentStatus.OPEN, Set.of(), SRE),
                Map.of("status", "closed", "signOff", "user:dana")));
    }
}

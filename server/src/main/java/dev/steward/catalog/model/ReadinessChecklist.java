package dev.steward.catalog.model;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What "ready for production" means for a kind of asset: ordered levels, the level an entity needs
 * to be in production ({@code gate}), and the checks of each level. Read from a
 * {@code ReadinessChecklist} manifest; rule checks hold their compiled CEL program, so each
 * expression is compiled once, when its file is read.
 */
public record ReadinessChecklist(EntityRef ref, String name, String title, String description,
                                 List<Responsibility.AppliesTo> appliesTo, EntityRef scope, List<String> levels,
                                 String gate, LocalDate dueBy, String replaces, List<Check> checks,
                                 SourceLocation source, SourceLocation scopeAt, SourceLocation replacesAt) {

    /** The levels an entity gets when a checklist names none. */
    public static final List<String> DEFAULT_LEVELS = List.of("required");

    /** One check: exactly one of {@code rule} and {@code attest}. */
    public record Check(String id, String title, String level, RuleExpression rule, Attest attest, String runbook,
                        LocalDate effectiveFrom, SourceLocation location, SourceLocation runbookAt) {
        public Kind kind() {
            return rule != null ? Kind.RULE : Kind.ATTEST;
        }

        /** False before {@code effectiveFrom}: the check is shown but does not count toward a level. */
        public boolean counts(LocalDate today) {
            return effectiveFrom == null || !today.isBefore(effectiveFrom);
        }
    }

    public enum Kind {
        RULE, ATTEST;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who may attest a check, how long an attestation holds, and which edits void it. */
    public record Attest(AttestParty by, Duration validFor, String validForText, List<String> voidOn,
                         SourceLocation byAt) {
    }

    /**
     * {@code by}: a party as in policies ({@code group:x}, {@code owner}), or the resolved parties of a
     * duty ({@code responsible:DUTY}) or of a change ({@code approvers:CHANGE}) for the entity.
     */
    public record AttestParty(PartySpec party, Role role, String responsibility, String text) {
        public boolean isResolved() {
            return role != null;
        }
    }

    public boolean appliesTo(Entity entity) {
        if (appliesTo.isEmpty()) return true;
        for (Responsibility.AppliesTo a : appliesTo) {
            if (a.accepts(entity)) return true;
        }
        return false;
    }

    /** The position of a level (0 = lowest), or -1. */
    public int rank(String level) {
        return level == null ? -1 : levels.indexOf(level);
    }

    public Check check(String id) {
        for (Check c : checks) {
            if (c.id().equals(id)) return c;
        }
        return null;
    }
}

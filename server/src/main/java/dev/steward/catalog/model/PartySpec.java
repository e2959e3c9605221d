package dev.steward.catalog.model;

import java.util.Locale;

/**
 * A party as a rule names it: a group or user ref, or a token that resolves against the entity
 * ({@code owner}, {@code consumers}, {@code producers}), with the number of distinct approvals
 * it asks for.
 */
public record PartySpec(Token token, EntityRef ref, int min, SourceLocation location) {

    public enum Token {
        OWNER, CONSUMERS, PRODUCERS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Token parse(String text) {
            return switch (text) {
                case "owner" -> OWNER;
                case "consumers" -> CONSUMERS;
                case "producers" -> PRODUCERS;
                default -> null;
            };
        }
    }

    public boolean isToken() {
        return token != null;
    }

    @Override
    public String toString() {
        String base = token != null ? token.label() : ref.toString();
        return min > 1 ? base + " (min " + min + ")" : base;
    }
}

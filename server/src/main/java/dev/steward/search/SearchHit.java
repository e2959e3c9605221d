package dev.steward.search;

/** One search result: an entity (target is its ref) or a runbook (target is its path). */
public record SearchHit(String kind, String target, String title, String snippet, double rank) {
}

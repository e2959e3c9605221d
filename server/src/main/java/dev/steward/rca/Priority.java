package dev.steward.rca;

/** How urgent an action item is, P1 the most. */
public enum Priority {
    P1, P2, P3, P4
}

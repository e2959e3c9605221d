package dev.steward.plugin;

import java.util.Set;

/**
 * Refines the kinds of change that a pull request makes to one entity. Steward first detects
 * responsibilities from each Responsibility's {@code detect} paths; every classifier then sees the
 * before and after documents and the set detected so far, and returns the set to use. Returning the
 * input unchanged is the way to say "not mine".
 *
 * <p>A name returned that the catalog does not define as a Responsibility is reported in the plan as
 * an error, so a policy cannot silently miss it.
 */
public interface ChangeClassifier extends StewardPlugin {

    Set<String> classify(EntityChange change);
}

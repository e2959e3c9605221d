package dev.steward.codeowners;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Problem;
import dev.steward.catalog.model.Values;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A party's handle on the code host, from Backstage's own annotations: a group's
 * {@code github.com/team-slug} ({@code org/team}) or a user's {@code github.com/user-login}; on
 * GitLab, a user's {@code gitlab.com/user-login} (a username, or the profile URL Backstage's GitLab
 * org provider writes) and a group's {@code gitlab.com/group-path}. A missing or malformed handle is
 * a problem at the entity's file and line.
 */
final class Handles {
    private static final Pattern GITHUB_LOGIN = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$");
    private static final Pattern GITHUB_TEAM = Pattern.compile("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]+$");
    private static final Pattern GITLAB_USER = Pattern.compile("^[A-Za-z0-9_.][A-Za-z0-9_.-]{0,254}$");
    private static final Pattern GITLAB_GROUP = Pattern.compile("^[A-Za-z0-9_.][A-Za-z0-9_.-]*(/[A-Za-z0-9_.][A-Za-z0-9_.-]*)*$");

    private final Catalog catalog;
    private final Provider provider;
    private final List<Problem> problems;

    Handles(Catalog catalog, Provider provider, List<Problem> problems) {
        this.catalog = catalog;
        this.provider = provider;
        this.problems = problems;
    }

    /** {@code @org/team} or {@code @login}, or null (with a problem recorded) when there is none. */
    String of(EntityRef party) {
        Entity entity = catalog.entity(party);
        if (entity == null) return null;
        boolean group = entity.isKind("group");
        String annotation = group ? provider.groupAnnotation() : provider.userAnnotation();
        String value = Values.string(Values.map(entity.metadata().get("annotations")).get(annotation));
        if (value == null || value.isBlank()) {
            problems.add(Problem.error(entity.source(), party + " has no " + annotation
                    + " annotation, so it cannot be a code owner"));
            return null;
        }
        String handle = value.trim();
        if (!group && provider == Provider.GITLAB && handle.contains("://")) {
            handle = handle.replaceAll("/+$", "");
            handle = handle.substring(handle.lastIndexOf('/') + 1);
        }
        Pattern format = switch (provider) {
            case GITHUB -> group ? GITHUB_TEAM : GITHUB_LOGIN;
            case GITLAB -> group ? GITLAB_GROUP : GITLAB_USER;
        };
        if (!format.matcher(handle).matches()) {
            problems.add(Problem.error(entity.source(), annotation + " of " + party + " is '" + value
                    + "', which is not a valid " + (group ? "team" : "user") + " handle"));
            return null;
        }
        return "@" + handle;
    }
}

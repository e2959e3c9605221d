package dev.steward.plan;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Values;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Parses the approvals given to a plan: {@code user:a,user:b} or bare user names. */
public final class Approvals {
    private Approvals() {
    }

    /**
     * Users of {@code catalog} whose {@code annotation} (e.g. {@code github.com/user-login}) is one of
     * the comma-separated {@code logins}: how CI turns the code host's approvals into Steward's.
     * Logins nobody in the catalog has are returned in {@code unknown}.
     */
    public static Set<EntityRef> fromLogins(Catalog catalog, String annotation, String logins,
                                            List<String> unknown) {
        Set<EntityRef> out = new LinkedHashSet<>();
        if (logins == null || logins.isBlank()) return out;
        Map<String, EntityRef> byLogin = new HashMap<>();
        for (Entity user : catalog.entitiesOfKind("user")) {
            String login = Values.string(
                    Values.map(user.metadata().get("annotations")).get(annotation));
            if (login == null) continue;
            login = login.trim().replaceAll("/+$", "");
            byLogin.put(login.substring(login.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT), user.ref());
        }
        for (String part : logins.split(",")) {
            String login = part.trim().replaceFirst("^@", "").toLowerCase(Locale.ROOT);
            if (login.isEmpty()) continue;
            EntityRef user = byLogin.get(login);
            if (user == null) unknown.add(part.trim());
            else out.add(user);
        }
        return out;
    }

    public static Set<EntityRef> parse(String text) {
        Set<EntityRef> out = new LinkedHashSet<>();
        if (text == null || text.isBlank()) return out;
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            EntityRef ref = EntityRef.parse(part.trim(), "user", EntityRef.DEFAULT_NAMESPACE);
            if (!ref.kind().equals("user")) {
                throw new IllegalArgumentException("approvals are given by users, not " + ref
                        + "; name the people who approved, e.g. user:alice");
            }
            out.add(ref);
        }
        return out;
    }
}

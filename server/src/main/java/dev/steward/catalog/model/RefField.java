package dev.steward.catalog.model;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The spec fields that hold entity refs, with Backstage's rules for each: which kinds have the
 * field, the default kind of a ref written without one, the relation pair it creates, and which
 * kinds the target may be. This table is the one place those rules live.
 */
public enum RefField {
    OWNER("owner", false, Set.of("component", "api", "resource", "system", "domain", "airesource"), "group",
            "ownedBy", "ownerOf", Set.of("group", "user")),
    SYSTEM("system", false, Set.of("component", "api", "resource", "airesource"), "system",
            "partOf", "hasPart", Set.of("system")),
    DOMAIN("domain", false, Set.of("system"), "domain", "partOf", "hasPart", Set.of("domain")),
    SUBDOMAIN_OF("subdomainOf", false, Set.of("domain"), "domain", "partOf", "hasPart", Set.of("domain")),
    SUBCOMPONENT_OF("subcomponentOf", false, Set.of("component"), "component", "partOf", "hasPart",
            Set.of("component")),
    PROVIDES_APIS("providesApis", true, Set.of("component"), "api", "providesApi", "apiProvidedBy", Set.of("api")),
    CONSUMES_APIS("consumesApis", true, Set.of("component"), "api", "consumesApi", "apiConsumedBy", Set.of("api")),
    DEPENDS_ON("dependsOn", true, Set.of("component", "resource"), null, "dependsOn", "dependencyOf", Set.of()),
    DEPENDENCY_OF("dependencyOf", true, Set.of("component", "resource"), null, "dependencyOf", "dependsOn", Set.of()),
    MEMBER_OF("memberOf", true, Set.of("user"), "group", "memberOf", "hasMember", Set.of("group")),
    PARENT("parent", false, Set.of("group"), "group", "childOf", "parentOf", Set.of("group")),
    CHILDREN("children", true, Set.of("group"), "group", "parentOf", "childOf", Set.of("group")),
    MEMBERS("members", true, Set.of("group"), "user", "hasMember", "memberOf", Set.of("user"));

    private final String field;
    private final boolean many;
    private final Set<String> kinds;
    private final String defaultKind;
    private final String relation;
    private final String reverseRelation;
    private final Set<String> targetKinds;

    RefField(String field, boolean many, Set<String> kinds, String defaultKind, String relation,
             String reverseRelation, Set<String> targetKinds) {
        this.field = field;
        this.many = many;
        this.kinds = kinds;
        this.defaultKind = defaultKind;
        this.relation = relation;
        this.reverseRelation = reverseRelation;
        this.targetKinds = targetKinds;
    }

    public String field() {
        return field;
    }

    public boolean many() {
        return many;
    }

    /** Null when a ref in this field must name its kind, as for {@code dependsOn}. */
    public String defaultKind() {
        return defaultKind;
    }

    public String relation() {
        return relation;
    }

    public String reverseRelation() {
        return reverseRelation;
    }

    /**
     * True where Backstage's model lists the kinds this field may point at (owner, group and user
     * fields). Elsewhere a target of another kind is a warning, as Backstage accepts it.
     */
    public boolean backstageRestrictsKinds() {
        return this == OWNER || this == MEMBER_OF || this == PARENT || this == CHILDREN || this == MEMBERS;
    }

    /** Kinds the target may have; empty means any kind. */
    public Set<String> targetKinds() {
        return targetKinds;
    }

    public static List<RefField> forKind(String lowerKind) {
        return Arrays.stream(values()).filter(f -> f.kinds.contains(lowerKind)).toList();
    }
}

package dev.steward.catalog.model;

import java.util.Locale;
import java.util.Objects;

/**
 * A reference to an entity, {@code kind:namespace/name}, always held in Backstage's canonical
 * lowercase form so that refs written in any case compare equal.
 */
public record EntityRef(String kind, String namespace, String name) implements Comparable<EntityRef> {

    public static final String DEFAULT_NAMESPACE = "default";

    public EntityRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        kind = kind.toLowerCase(Locale.ROOT);
        namespace = namespace.toLowerCase(Locale.ROOT);
        name = name.toLowerCase(Locale.ROOT);
    }

    public static EntityRef of(String kind, String namespace, String name) {
        return new EntityRef(kind, namespace, name);
    }

    /** Parses a full ref; kind is required, the namespace defaults to {@code default}. */
    public static EntityRef parse(String text) {
        return parse(text, null, DEFAULT_NAMESPACE);
    }

    /**
     * Parses {@code [kind:][namespace/]name} as Backstage does: a missing kind takes {@code defaultKind}
     * (an error when that is null), a missing namespace takes {@code defaultNamespace}.
     */
    public static EntityRef parse(String text, String defaultKind, String defaultNamespace) {
        if (text == null || text.isBlank()) {
            throw new RefFormatException("entity ref is empty");
        }
        String rest = text.trim();
        String kind = defaultKind;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            kind = rest.substring(0, colon);
            rest = rest.substring(colon + 1);
            if (kind.isEmpty()) {
                throw new RefFormatException("entity ref '" + text + "' has an empty kind");
            }
        }
        String namespace = defaultNamespace == null ? DEFAULT_NAMESPACE : defaultNamespace;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            namespace = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
            if (namespace.isEmpty()) {
                throw new RefFormatException("entity ref '" + text + "' has an empty namespace");
            }
        }
        if (kind == null) {
            throw new RefFormatException("entity ref '" + text + "' needs a kind, as in component:" + rest);
        }
        if (rest.isEmpty()) {
            throw new RefFormatException("entity ref '" + text + "' has an empty name");
        }
        if (rest.indexOf(':') >= 0 || rest.indexOf('/') >= 0) {
            throw new RefFormatException("entity ref '" + text + "' is not of the form [kind:][namespace/]name");
        }
        return new EntityRef(kind, namespace, rest);
    }

    /** {@code kind:namespace/name}, the canonical form used in every answer. */
    @Override
    public String toString() {
        return kind + ':' + namespace + '/' + name;
    }

    @Override
    public int compareTo(EntityRef other) {
        int c = kind.compareTo(other.kind);
        if (c != 0) return c;
        c = namespace.compareTo(other.namespace);
        return c != 0 ? c : name.compareTo(other.name);
    }

    /** Thrown for a ref that cannot be parsed; its message says what is wrong. */
    public static final class RefFormatException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        public RefFormatException(String message) {
            super(message);
        }
    }
}

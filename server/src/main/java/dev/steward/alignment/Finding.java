package dev.steward.alignment;

import dev.steward.catalog.model.EntityRef;
import java.util.Locale;

/**
 * One difference between the manifests and the platform: a live asset no entity describes
 * ({@code unmanaged}), an entity a source should hold and does not ({@code missing}), or a declared
 * field whose live value differs ({@code drift}; {@code field} is the path under {@code spec}).
 */
public record Finding(Kind kind, EntityRef entity, String source, String asset, String field, Object declared,
                      Object actual, EntityRef owner) {

    public enum Kind {
        UNMANAGED, MISSING, DRIFT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

package dev.steward.catalog.load;

import dev.steward.catalog.check.Findings;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Spec fields that Steward's kinds share: {@code appliesTo} and {@code scope}, read and reported alike. */
public final class SpecFields {
    private SpecFields() {
    }

    /** {@code spec.appliesTo}: kinds, or kind:type pairs; the same for responsibilities and checklists. */
    static List<Responsibility.AppliesTo> appliesTo(EntityReader.Read parsed, Map<String, Object> spec, Findings findings) {
        List<Responsibility.AppliesTo> appliesTo = new ArrayList<>();
        List<?> appliesList = StewardKindsReader.list(parsed, spec, "appliesTo", findings);
        for (int i = 0; i < appliesList.size(); i++) {
            Object item = appliesList.get(i);
            String where = "spec.appliesTo[" + i + "]";
            if (!(item instanceof String s) || s.isBlank() || s.indexOf('/') >= 0) {
                findings.error(parsed.at(where), where + " must be a kind or kind:type, such as resource:iceberg-table");
                continue;
            }
            int colon = s.indexOf(':');
            String kind = (colon < 0 ? s : s.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
            String subtype = colon < 0 ? null : s.substring(colon + 1).trim();
            appliesTo.add(new Responsibility.AppliesTo(kind, subtype == null || subtype.isEmpty() ? null : subtype));
        }
        return List.copyOf(appliesTo);
    }

    /** {@code spec.scope}: an entity ref, or null (global, or a bad ref, which is reported). */
    static EntityRef scope(EntityReader.Read parsed, Map<String, Object> spec, Findings findings) {
        Object scopeValue = spec.get("scope");
        if (scopeValue == null) return null;
        if (!(scopeValue instanceof String s)) {
            findings.error(parsed.at("spec.scope"), "spec.scope must be an entity ref such as system:payments");
            return null;
        }
        try {
            return EntityRef.parse(s, null, parsed.entity().ref().namespace());
        } catch (EntityRef.RefFormatException e) {
            findings.error(parsed.at("spec.scope"), "spec.scope: " + e.getMessage());
            return null;
        }
    }
}

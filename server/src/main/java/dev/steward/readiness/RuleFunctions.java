package dev.steward.readiness;

import dev.steward.catalog.Catalog;
import dev.steward.catalog.model.Entity;
import dev.steward.catalog.model.EntityRef;
import dev.steward.catalog.model.Responsibility;
import dev.steward.catalog.model.RuleExpression;
import dev.steward.resolve.Resolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Steward's CEL functions for one entity: {@code who(r)}, {@code consumers()}, {@code producers()}; the
 * lineage functions answer with manifests already converted for CEL.
 */
final class RuleFunctions implements RuleExpression.Functions {
    private final Catalog catalog;
    private final Entity entity;
    private final Function<Entity, Map<String, Object>> celDocument;

    RuleFunctions(Catalog catalog, Entity entity, Function<Entity, Map<String, Object>> celDocument) {
        this.catalog = catalog;
        this.entity = entity;
        this.celDocument = celDocument;
    }

    @Override
    public String who(String responsibility) {
        Responsibility r = catalog.responsibility(responsibility);
        if (r == null) throw new IllegalArgumentException("who('" + responsibility + "'): no such responsibility");
        return Resolver.resolve(catalog, entity, r).status().label();
    }

    @Override
    public List<Map<String, Object>> consumers() {
        return documents(catalog.lineage().consumers(entity.ref()));
    }

    @Override
    public List<Map<String, Object>> producers() {
        return documents(catalog.lineage().producers(entity.ref()));
    }

    private List<Map<String, Object>> documents(List<EntityRef> refs) {
        List<Map<String, Object>> out = new ArrayList<>(refs.size());
        for (EntityRef ref : refs) {
            Entity e = catalog.entity(ref);
            if (e != null) out.add(celDocument.apply(e));
        }
        return out;
    }
}

package dev.steward.http;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;

import dev.steward.backstage.BackstageRoutes;
import io.javalin.apibuilder.EndpointGroup;

/**
 * Backstage's catalog API under {@link BackstageRoutes#PREFIX}, for Backstage's own clients. Queries
 * come by GET and by POST; the catalog is Git's, so the API's writes answer 405.
 */
final class BackstageApi {
    private BackstageApi() {
    }

    static EndpointGroup group(BackstageRoutes backstage) {
        return () -> path(BackstageRoutes.PREFIX, () -> {
            path("entities", () -> {
                get(backstage::entities);
                get("by-query", backstage::queryByGet);
                post("by-query", backstage::queryByPredicate);
                get("by-name/{kind}/{namespace}/{name}", backstage::byName);
                get("by-uid/{uid}", backstage::byUid);
                post("by-refs", backstage::byRefs);
                delete("by-uid/{uid}", backstage::readOnly);
            });
            get("entity-facets", backstage::facets);
            post("entity-facets", backstage::facetsByPredicate);
            path("locations", () -> {
                get(backstage::locations);
                get("{id}", backstage::location);
                get("by-entity/{kind}/{namespace}/{name}", backstage::locationByEntity);
                post(backstage::readOnly);
            });
            post("refresh", backstage::readOnly);
        });
    }
}

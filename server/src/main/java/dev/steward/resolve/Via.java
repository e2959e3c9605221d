package dev.steward.resolve;

import dev.steward.catalog.model.EntityRef;
import java.util.List;

/**
 * Why a party is there: the policy, its scope ({@code global} or a ref), the rule's index, the
 * token that named it if any (with the entities it went through) and where the rule is written.
 * A party a plan adds beyond any rule (the previous and new owner of an ownership transfer) has only
 * a token.
 */
public record Via(EntityRef policy, String scope, Integer rule, String token, List<EntityRef> entities,
                  String location) {
    public static final String GLOBAL = "global";
}

package dev.steward.catalog.model;


/** A Backstage relation from one entity to another, e.g. {@code ownedBy group:default/lakehouse}. */
public record Relation(String type, EntityRef targetRef) {
}

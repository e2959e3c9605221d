package dev.steward.store;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jdbi.v3.core.qualifier.Qualifier;

/**
 * A value stored as JSON text in its column: bound and mapped by {@link JsonColumns} with the one
 * JSON configuration ({@link dev.steward.json.Json}). It plays the part of jdbi3-json's {@code @Json},
 * whose artifacts are not published at this project's Jdbi version; on a record component it reaches
 * both the accessor (for {@code @BindMethods}) and the constructor parameter (for the constructor mapper).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.METHOD, ElementType.FIELD})
public @interface JsonColumn {
}

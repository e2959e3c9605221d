/**
 * Backstage's catalog REST API over Steward's snapshot, so Backstage's own client and tools read
 * Steward as they read a Backstage catalog backend: entities in Backstage's shape (uid, etag,
 * relations, location annotations), its filter and predicate languages, cursors, facets and
 * locations. Read-only: the catalog changes by pull request, not through this API.
 */
package dev.steward.backstage;

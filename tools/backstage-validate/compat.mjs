// Backstage's published catalog client (@backstage/catalog-client) against a running Steward.
// Expectations come from the catalog files themselves, parsed here independently of Steward.
// Usage: node compat.mjs BASE_URL CATALOG_DIR
//   BASE_URL     Steward's Backstage catalog API, e.g. http://localhost:7070/api/catalog
//   CATALOG_DIR  the folder of YAML that Steward serves (the same files as at its commit)
// Exit 0: every check held; 1: some failed; 2: usage.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { CatalogClient, CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { validateEntity } from './validators.mjs';

const [baseUrl, catalogDir] = process.argv.slice(2);
if (!baseUrl || !catalogDir) {
  console.error('usage: node compat.mjs BASE_URL CATALOG_DIR');
  process.exit(2);
}

function yamlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return /\.ya?ml$/.test(e.name) ? [p] : [];
  });
}
// The entities the files define: documents with a kind. Files that placeholders read are data.
const placeholderFiles = new Set();
const expected = [];
const manifestFiles = [];
for (const file of yamlFiles(catalogDir)) {
  let defines = false;
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    const e = doc.toJS();
    if (!e || !e.kind) continue;
    defines = true;
    expected.push(e);
    JSON.stringify(e, (k, v) => {
      if (k === '$text' && typeof v === 'string' && !/^[a-z]+:/i.test(v)) placeholderFiles.add(path.resolve(path.dirname(file), v));
      return v;
    });
  }
  if (defines) manifestFiles.push(file);
}
const refOf = e => stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace ?? 'default', name: e.metadata.name });
const expectedRefs = expected.map(refOf).sort();
const ofKind = kind => expected.filter(e => e.kind.toLowerCase() === kind.toLowerCase()).map(refOf).sort();

const client = new CatalogClient({ discoveryApi: { getBaseUrl: async () => baseUrl }, fetchApi: { fetch } });
let checks = 0;
let failures = 0;
async function check(name, fn) {
  checks++;
  try {
    await fn();
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${String(e.message).split('\n').slice(0, 6).join('\n     ')}`);
  }
}
const refsOf = items => items.map(refOf).sort();

await check('getEntities returns every entity of the files', async () => {
  const { items } = await client.getEntities();
  assert.deepEqual(refsOf(items), expectedRefs);
});

await check("Backstage's validators accept every entity returned", async () => {
  const { items } = await client.getEntities();
  const problems = [];
  for (const entity of items) {
    // Validators see the entity as written: relations are the catalog's own addition, not authored.
    const { relations, status, ...authored } = entity;
    for (const p of await validateEntity(authored)) problems.push(`${refOf(entity)}: ${p}`);
    assert.ok(entity.metadata.uid, `${refOf(entity)} has no uid`);
    assert.ok(entity.metadata.etag, `${refOf(entity)} has no etag`);
    assert.ok(Array.isArray(entity.relations), `${refOf(entity)} has no relations`);
    for (const a of ['backstage.io/managed-by-location', 'backstage.io/managed-by-origin-location', 'backstage.io/source-location']) {
      assert.ok(entity.metadata.annotations?.[a], `${refOf(entity)} lacks ${a}`);
    }
  }
  assert.deepEqual(problems, []);
});

await check('$text placeholders are resolved from the same commit', async () => {
  const withText = expected.filter(e => typeof e.spec?.definition === 'object' && e.spec.definition.$text
    && !/^[a-z]+:/i.test(e.spec.definition.$text));
  if (withText.length === 0) return; // nothing to check in this catalog
  for (const e of withText) {
    const got = await client.getEntityByRef(refOf(e));
    assert.equal(typeof got.spec.definition, 'string');
    assert.ok(got.spec.definition.length > 100, `${refOf(e)}: definition is only ${got.spec.definition.length} characters`);
  }
});

await check('getEntities: filter by kind, case-insensitively', async () => {
  const { items } = await client.getEntities({ filter: { kind: 'component' } });
  assert.deepEqual(refsOf(items), ofKind('Component'));
});

await check('getEntities: several filters are alternatives', async () => {
  const { items } = await client.getEntities({ filter: [{ kind: 'API' }, { kind: 'System' }] });
  assert.deepEqual(refsOf(items), [...ofKind('API'), ...ofKind('System')].sort());
});

await check('getEntities: a list of values is any of them; conditions in one filter all hold', async () => {
  const { items } = await client.getEntities({ filter: { kind: ['Group', 'User'], 'metadata.namespace': 'default' } });
  const want = expected.filter(e => ['Group', 'User'].includes(e.kind) && (e.metadata.namespace ?? 'default') === 'default');
  assert.deepEqual(refsOf(items), want.map(refOf).sort());
});

await check('getEntities: CATALOG_FILTER_EXISTS means the field exists', async () => {
  const { items } = await client.getEntities({ filter: { kind: 'Component', 'spec.system': CATALOG_FILTER_EXISTS } });
  const want = expected.filter(e => e.kind === 'Component' && e.spec?.system !== undefined).map(refOf).sort();
  assert.ok(want.length > 0);
  assert.deepEqual(refsOf(items), want);
});

await check('getEntities: relations.ownedBy filters by owner', async () => {
  const owner = expected.find(e => e.kind === 'Component').spec.owner;
  const ownerRef = owner.includes(':') ? owner : `group:default/${owner}`;
  const { items } = await client.getEntities({ filter: { 'relations.ownedBy': ownerRef } });
  const want = expected.filter(e => e.spec?.owner && (e.spec.owner.includes(':') ? e.spec.owner : `group:default/${e.spec.owner}`)
    .toLowerCase() === ownerRef.toLowerCase()).map(refOf).sort();
  assert.ok(want.length > 0);
  assert.deepEqual(refsOf(items), want);
});

await check('getEntities: fields selects only the named fields', async () => {
  const { items } = await client.getEntities({ filter: { kind: 'Component' }, fields: ['kind', 'metadata.name'] });
  assert.equal(items.length, ofKind('Component').length);
  for (const e of items) {
    assert.deepEqual(Object.keys(e).sort(), ['kind', 'metadata']);
    assert.deepEqual(Object.keys(e.metadata), ['name']);
  }
});

await check('getEntities: order by name, descending', async () => {
  const { items } = await client.getEntities({ filter: { kind: 'Component' }, order: { field: 'metadata.name', order: 'desc' } });
  const names = items.map(e => e.metadata.name);
  assert.deepEqual(names, [...names].sort((a, b) => b.localeCompare(a)));
  assert.equal(names.length, ofKind('Component').length);
});

await check('getEntities: offset and limit page through everything once', async () => {
  const seen = [];
  for (let offset = 0; offset < expected.length + 10; offset += 7) {
    const { items } = await client.getEntities({ limit: 7, offset, order: { field: 'metadata.name', order: 'asc' } });
    seen.push(...items);
    if (items.length < 7) break;
  }
  assert.deepEqual(seen.map(refOf).sort(), expectedRefs);
  assert.equal(new Set(seen.map(refOf)).size, seen.length);
});

await check('getEntities: after follows the Link header to the end', async () => {
  const seen = [];
  let url = `${baseUrl}/entities?limit=9`;
  for (let pages = 0; url && pages < 100; pages++) {
    const res = await fetch(url);
    assert.equal(res.status, 200);
    seen.push(...await res.json());
    const link = res.headers.get('link');
    url = link ? new URL(link.match(/<([^>]+)>/)[1], baseUrl).href : null;
  }
  assert.deepEqual(seen.map(refOf).sort(), expectedRefs);
  const { items } = await client.getEntities({ limit: 9, after: undefined });
  assert.equal(items.length, 9);
});

await check('getEntityByRef: found with uid, etag and relations; missing is undefined', async () => {
  const component = expected.find(e => e.kind === 'Component');
  const got = await client.getEntityByRef(refOf(component));
  assert.equal(got.metadata.name, component.metadata.name);
  assert.ok(got.relations.some(r => r.type === 'ownedBy'));
  assert.equal(await client.getEntityByRef('component:default/no-such-entity'), undefined);
  const byUid = await (await fetch(`${baseUrl}/entities/by-uid/${got.metadata.uid}`)).json();
  assert.equal(refOf(byUid), refOf(got));
});

await check('queryEntities: follows cursors to the end, in order, with totalItems', async () => {
  const apis = ofKind('API');
  let res = await client.queryEntities({ filter: { kind: 'API' }, limit: 2, orderFields: { field: 'metadata.name', order: 'asc' } });
  assert.equal(res.totalItems, apis.length);
  const names = [...res.items.map(e => e.metadata.name)];
  let pages = 1;
  while (res.pageInfo.nextCursor) {
    res = await client.queryEntities({ cursor: res.pageInfo.nextCursor, limit: 2 });
    names.push(...res.items.map(e => e.metadata.name));
    assert.ok(res.pageInfo.prevCursor, 'a later page has a prevCursor');
    pages++;
  }
  assert.equal(pages, Math.ceil(apis.length / 2));
  assert.deepEqual(names, [...names].sort());
  assert.deepEqual(names.map(n => `api:default/${n}`).sort(), apis);
});

await check('queryEntities: a predicate query pages with its own cursors', async () => {
  const want = [...ofKind('System'), ...ofKind('Domain')].sort();
  let res = await client.queryEntities({ query: { $any: [{ kind: 'system' }, { kind: 'domain' }] }, limit: 2 });
  assert.equal(res.totalItems, want.length);
  const got = [...res.items];
  while (res.pageInfo.nextCursor) {
    res = await client.queryEntities({ cursor: res.pageInfo.nextCursor, limit: 2 });
    got.push(...res.items);
  }
  assert.deepEqual(refsOf(got), want);
});

await check('queryEntities: full-text filter', async () => {
  const term = expected.find(e => e.kind === 'Component').metadata.name.split(/[-_.]/)[0];
  const res = await client.queryEntities({ filter: { kind: 'Component' }, fullTextFilter: { term: term.toUpperCase(), fields: ['metadata.name'] } });
  const want = expected.filter(e => e.kind === 'Component' && e.metadata.name.toLowerCase().includes(term.toLowerCase())).map(refOf).sort();
  assert.ok(want.length > 0);
  assert.deepEqual(refsOf(res.items), want);
});

await check('getEntityFacets: counts per kind and type', async () => {
  const { facets } = await client.getEntityFacets({ facets: ['kind', 'spec.type'] });
  const kinds = {};
  for (const e of expected) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(facets.kind.map(f => [f.value, f.count])), kinds);
  const types = {};
  for (const e of expected) if (typeof e.spec?.type === 'string') types[e.spec.type] = (types[e.spec.type] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(facets['spec.type'].map(f => [f.value, f.count])), types);
});

await check('getEntityFacets: with a filter', async () => {
  const { facets } = await client.getEntityFacets({ facets: ['spec.lifecycle'], filter: { kind: 'Component' } });
  const want = {};
  for (const e of expected) if (e.kind === 'Component') want[e.spec.lifecycle] = (want[e.spec.lifecycle] ?? 0) + 1;
  assert.deepEqual(Object.fromEntries(facets['spec.lifecycle'].map(f => [f.value, f.count])), want);
});

await check('getEntitiesByRefs: in order, undefined for a missing ref, fields applied', async () => {
  const a = expectedRefs[0];
  const b = expectedRefs[expectedRefs.length - 1];
  const { items } = await client.getEntitiesByRefs({ entityRefs: [b, 'component:default/missing', a], fields: ['kind', 'metadata.name', 'metadata.namespace'] });
  assert.equal(items.length, 3);
  assert.equal(refOf(items[0]), b);
  assert.equal(items[1], undefined);
  assert.equal(refOf(items[2]), a);
  assert.equal(items[0].spec, undefined);
});

await check('getLocations: one url location per catalog file', async () => {
  const { items } = await client.getLocations();
  assert.equal(items.length, manifestFiles.length);
  for (const l of items) {
    assert.equal(l.type, 'url');
    assert.ok(l.id && l.target);
  }
  const targets = items.map(l => l.target).sort();
  for (const f of manifestFiles) {
    const rel = path.relative(catalogDir, f).split(path.sep).join('/');
    assert.ok(targets.some(t => t.endsWith('/' + rel)), `no location for ${rel}`);
  }
  for (const f of placeholderFiles) {
    const rel = path.relative(catalogDir, f).split(path.sep).join('/');
    assert.ok(!targets.some(t => t.endsWith('/' + rel)), `a placeholder's data file ${rel} is listed as a location`);
  }
});

await check("errors come back in Backstage's shape", async () => {
  const res = await fetch(`${baseUrl}/entities/by-name/component/default/no-such-entity`);
  assert.equal(res.status, 404);
  const body = await res.json();
  assert.equal(body.error.name, 'NotFoundError');
  assert.equal(body.response.statusCode, 404);
  assert.equal(body.request.method, 'GET');
  await assert.rejects(client.getEntities({ order: { field: 'metadata.name', order: 'sideways' } }));
});

console.log(`compat: ${checks} checks, ${failures} failures`);
process.exitCode = failures > 0 ? 1 : 0;

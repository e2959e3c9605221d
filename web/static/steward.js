// Steward's UI: one page, routed by path, so every view has a URL to paste into chat.
// No build step and no framework: plain DOM, the JSON API, and nothing inline (the page's CSP forbids it).
'use strict';

const main = document.getElementById('main');
const PAGE = 25;

// ---------- small helpers ----------

/** Creates an element: h('a', {href: '/'}, 'text', child...). Text is always text, never HTML. */
function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** The same for SVG elements, links included. */
function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS('http://www.w3.org/2000/svg', tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function link(href, text, attrs = {}) {
  return h('a', Object.assign({ href, 'data-link': true }, attrs), text);
}

/** The page URL of an entity ref (kind:namespace/name): teams have their own page. */
function refUrl(ref) {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref || '');
  if (!m) return '/';
  if (m[1] === 'group') return '/teams/' + encodeURIComponent(m[3]);
  return `/entities/${m[1]}/${m[2]}/${encodeURIComponent(m[3])}`;
}

function shortRef(ref) {
  return (ref || '').replace(/^([^:]+):default\//, '$1:');
}

function refLink(ref) {
  return ref ? link(refUrl(ref), shortRef(ref)) : h('span', { class: 'muted' }, 'none');
}

function pill(text, kind) {
  return h('span', { class: 'pill' + (kind ? ' ' + kind : '') }, text);
}

async function api(path, options = {}) {
  const res = await fetch(path, Object.assign({ headers: { Accept: 'application/json' } }, options));
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    const err = new Error((body && body.message) || res.statusText);
    err.status = res.status;
    err.field = body && body.field;
    throw err;
  }
  return body;
}

function token() {
  return sessionStorage.getItem('steward.token') || '';
}

async function write(method, path, body) {
  return api(path, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', Authorization: 'Bearer ' + token() },
    body: JSON.stringify(body),
  });
}

function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e.message || String(e));
}

function show(title, ...content) {
  document.title = title + ' — Steward';
  main.replaceChildren(h('h1', { tabindex: '-1', id: 'page-title' }, title), ...content);
  document.getElementById('page-title').focus({ preventScroll: true });
}

// ---------- routing ----------

const routes = [
  [/^\/$/, catalogPage, 'catalog'],
  [/^\/entities\/([^/]+)\/([^/]+)\/([^/]+)$/, entityPage, 'catalog'],
  [/^\/teams\/([^/]+)$/, teamPage, 'catalog'],
  [/^\/explorer$/, explorerPage, 'explorer'],
  [/^\/plans$/, plansPage, 'plans'],
  [/^\/runbooks$/, runbooksPage, 'runbooks'],
  [/^\/incidents$/, incidentsPage, 'incidents'],
  [/^\/incidents\/(\d+)$/, incidentPage, 'incidents'],
];

async function route() {
  const url = new URL(location.href);
  for (const [pattern, view, nav] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    document.querySelectorAll('[data-nav]').forEach(a => {
      if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
    });
    try {
      await view(url.searchParams, ...m.slice(1).map(decodeURIComponent));
    } catch (e) {
      show('Something went wrong', errorBox(e));
    }
    return;
  }
  show('Not found', h('p', {}, 'No page at ' + url.pathname + '. ', link('/', 'Back to the catalog')));
}

function go(url, replace = false) {
  if (replace) history.replaceState(null, '', url); else history.pushState(null, '', url);
  route();
}

document.addEventListener('click', e => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  go(a.getAttribute('href'));
});
window.addEventListener('popstate', route);

// ---------- status banner ----------

async function showStatus() {
  const box = document.getElementById('status');
  try {
    const s = await api('/api/status');
    document.getElementById('commit').textContent =
      s.commit ? `Serving ${s.entities} entities at commit ${s.commit.slice(0, 12)}` : 'No commit served yet';
    const banners = [];
    // A degraded replica still answers from its last good snapshot; say why, so nobody trusts it blindly.
    const degraded = s.health && s.health.degraded ? s.health.reasons.filter(r => !r.startsWith('catalog:')) : [];
    if (degraded.length) {
      banners.push(h('div', { class: 'banner warn', role: 'status', id: 'degraded' },
        h('strong', {}, `Replica ${s.replica || ''} is degraded; answers come from commit ${(s.commit || '').slice(0, 12)}.`),
        h('ul', {}, degraded.map(r => h('li', {}, r)))));
    }
    if (s.errors.length) {
      const list = h('ul', {}, s.errors.slice(0, 10).map(e => h('li', {}, `${e.path}:${e.line}: ${e.message}`)));
      const more = s.errors.length > 10 ? h('p', {}, `…and ${s.errors.length - 10} more.`) : null;
      banners.push(h('div', { class: 'banner error', role: 'alert', id: 'catalog-errors' },
        h('strong', {}, s.rejectedCommit
          ? `Commit ${s.rejectedCommit.slice(0, 12)} does not validate; still serving ${(s.commit || 'nothing').slice(0, 12)}.`
          : 'The catalog does not validate.'), list, more));
    } else if (s.warnings.length) {
      banners.push(h('div', { class: 'banner warn' }, `${s.warnings.length} warning(s), e.g. `,
        `${s.warnings[0].path}:${s.warnings[0].line}: ${s.warnings[0].message}`));
    }
    box.replaceChildren(...banners);
  } catch (e) {
    box.replaceChildren(h('div', { class: 'banner error', role: 'alert' }, 'Status unavailable: ' + e.message));
  }
}

// ---------- catalog browser ----------

const FILTERS = ['q', 'kind', 'type', 'owner', 'system', 'tag'];

async function catalogPage(params) {
  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  const query = new URLSearchParams({ limit: PAGE, offset: page * PAGE, facets: 'true' });
  FILTERS.forEach(f => { if (params.get(f)) query.set(f, params.get(f)); });
  const result = await api('/api/entities?' + query);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the catalog' },
    h('label', {}, 'Search', h('input', { type: 'search', name: 'q', value: params.get('q') || '', placeholder: 'name, title, tag' })),
    ...['kind', 'type', 'owner', 'system', 'tag'].map(f =>
      h('label', {}, f[0].toUpperCase() + f.slice(1), h('input', { name: f, value: params.get(f) || '', size: 14 }))),
    h('button', { class: 'primary', type: 'submit' }, 'Filter'),
    h('button', { type: 'button', onclick: () => go('/') }, 'Clear'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (String(v).trim()) next.set(k, String(v).trim()); });
    go('/?' + next);
  });
  const rows = result.items.map(e => h('tr', {},
    h('td', {}, link(refUrl(e.ref), e.title || e.name), h('div', { class: 'muted' }, shortRef(e.ref))),
    h('td', {}, e.type || ''), h('td', {}, refLink(e.owner)), h('td', {}, e.system ? refLink(e.system) : '')));
  const table = h('table', { class: 'responsive', id: 'entities' },
    h('caption', { class: 'muted' }, `${result.total} entities` + (result.total ? `, ${result.offset + 1}–${result.offset + result.items.length}` : '')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Entity'), h('th', { scope: 'col' }, 'Type'),
      h('th', { scope: 'col' }, 'Owner'), h('th', { scope: 'col' }, 'System'))),
    h('tbody', {}, rows));
  const withParam = (k, v) => { const p = new URLSearchParams(params); p.set(k, v); p.delete('page'); return '/?' + p; };
  const pager = h('nav', { 'aria-label': 'Pages' },
    page > 0 ? link(withParam('page', page - 1).replace('page=' + (page - 1) + '&', ''), '← Previous') : null, ' ',
    (page + 1) * PAGE < result.total ? link(pageUrl(params, page + 1), 'Next →') : null);
  const facets = h('aside', { class: 'facets', 'aria-label': 'Facets' }, Object.entries(result.facets || {}).map(([facet, values]) =>
    Object.keys(values).length ? h('section', {}, h('h2', {}, facet),
      h('ul', {}, Object.entries(values).map(([v, n]) => h('li', {}, link(withParam(facet, v), facet === 'owner' || facet === 'system' ? shortRef(v) : v), h('span', { class: 'muted' }, n))))) : null));
  show('Catalog', form, h('div', { class: 'layout' }, facets, h('div', {}, table, pager)));
}

function pageUrl(params, page) {
  const p = new URLSearchParams(params);
  p.set('page', page);
  return '/?' + p;
}

// ---------- entity page ----------

async function entityPage(_params, kind, namespace, name) {
  const e = await api(`/api/entities/${kind}/${namespace}/${encodeURIComponent(name)}`);
  const meta = e.entity.metadata || {};
  const spec = e.entity.spec || {};
  const owner = spec.owner ? e.relations.find(r => r.type === 'ownedBy') : null;
  const facts = h('dl', { class: 'kv' },
    h('dt', {}, 'Ref'), h('dd', {}, e.ref),
    h('dt', {}, 'Type'), h('dd', {}, spec.type || e.entity.kind),
    h('dt', {}, 'Owner'), h('dd', {}, owner ? refLink(owner.targetRef) : 'none', h('span', { id: 'oncall' })),
    spec.system ? h('dt', {}, 'System') : null, spec.system ? h('dd', {}, refLink(e.relations.find(r => r.type === 'partOf')?.targetRef)) : null,
    spec.lifecycle ? h('dt', {}, 'Lifecycle') : null, spec.lifecycle ? h('dd', {}, spec.lifecycle) : null,
    h('dt', {}, 'Scope chain'), h('dd', {}, e.scopeChain.map(shortRef).concat(['global']).join(' → ')),
    h('dt', {}, 'Defined at'), h('dd', {}, h('code', {}, e.source)),
    (meta.tags || []).length ? h('dt', {}, 'Tags') : null, (meta.tags || []).length ? h('dd', {}, meta.tags.map(t => pill(t))) : null);
  const sections = [
    meta.description ? h('p', {}, meta.description) : null, facts,
    h('h2', {}, 'Lineage'), lineageGraph(e.lineage, e.ref),
    h('h2', {}, 'Sign-offs and duties'),
    h('div', { id: 'responsibilities' }, e.responsibilities.filter(r => r.status !== 'not-applicable').map(resolutionCard)),
    h('h2', {}, 'Open incidents'), h('div', { id: 'incidents' }, h('p', { class: 'muted' }, 'Loading…')),
    h('h2', {}, 'Overdue follow-ups'), h('div', { id: 'overdue' }, h('p', { class: 'muted' }, 'Loading…')),
    h('h2', {}, 'Ownership history'), h('div', { id: 'history' }, h('p', { class: 'muted' }, 'Loading…')),
  ];
  show(meta.title || meta.name || e.ref, ...sections);
  if (owner) onCall(owner.targetRef);
  fill('incidents', api('/api/incidents?entity=' + encodeURIComponent(e.ref)), list =>
    incidentList(list.filter(i => i.status !== 'closed')), 'No open incidents.');
  fill('overdue', api('/api/actions?overdue=true&entity=' + encodeURIComponent(e.ref)), actionTable, 'Nothing overdue.');
  fill('history', api(`/api/entities/${kind}/${namespace}/${encodeURIComponent(name)}/history`), h2 => h2.changes.length
    ? h('table', { class: 'responsive' }, h('thead', {}, h('tr', {}, ['Date', 'Change', 'Owner after', 'Author', 'Commit'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, h2.changes.map(c => h('tr', {}, h('td', {}, (c.date || '').slice(0, 10)), h('td', {}, c.change + ': ' + c.message),
        h('td', {}, refLink(c.owner)), h('td', {}, c.author), h('td', {}, h('code', {}, c.commit.slice(0, 10)))))))
    : null, 'No history in Git.');
}

async function onCall(ownerRef) {
  if (!ownerRef.startsWith('group:')) return;
  try {
    const [, ns, name] = /^group:([^/]+)\/(.+)$/.exec(ownerRef);
    const g = await api(`/api/entities/group/${ns}/${encodeURIComponent(name)}`);
    const links = (g.entity.metadata.links || []).map(l => h('a', { href: l.url, rel: 'noopener' }, l.title || l.url));
    if (links.length) document.getElementById('oncall')?.append(' · ', ...links.flatMap((l, i) => i ? [', ', l] : [l]));
  } catch (_) { /* on-call links are a nicety */ }
}

async function fill(id, promise, render, empty) {
  const box = document.getElementById(id);
  try {
    const data = await promise;
    const out = render(data);
    box.replaceChildren(out && (!Array.isArray(data) || data.length) ? out : h('p', { class: 'muted' }, empty));
  } catch (e) {
    box.replaceChildren(e.status === 404 ? h('p', { class: 'muted' }, empty) : errorBox(e));
  }
}

/** One resolved responsibility: status, every party with its members and the rules that put it there. */
function resolutionCard(r) {
  const roles = ['approvers', 'responsible', 'consulted', 'informed'].filter(role => r[role] && r[role].length);
  return h('section', { class: 'card', 'data-responsibility': r.responsibility },
    h('h3', {}, r.responsibility, ' ', pill(r.blocked ? 'blocked' : r.status, 'status-' + (r.blocked ? 'blocked' : r.status)),
      ' ', h('span', { class: 'muted' }, r.type)),
    r.note ? h('p', { class: r.status === 'unowned' ? 'error' : 'muted' }, r.note) : null,
    roles.map(role => h('div', {}, h('span', { class: 'role' }, role + ': '),
      h('ul', {}, r[role].map(p => h('li', {}, refLink(p.ref), p.min > 1 ? ` — ${p.min} of them` : '',
        h('span', { class: 'muted' }, ' (' + (p.members.length ? p.members.map(m => m.replace(/^user:default\//, '')).join(', ') : 'no members') + ')'),
        h('div', { class: 'via' }, 'via ' + p.via.map(viaText).join('; '))))))),
    r.runbook ? h('p', {}, 'Runbook: ', h('a', { href: '/runbooks/' + r.runbook }, r.runbook)) : null,
    (r.blockers || []).length ? h('p', { class: 'error' }, (r.blocked ? 'Blocked by ' : 'Overdue: ') +
      r.blockers.map(b => `${b.title} (${shortRef(b.owner)}, due ${b.due}, incident #${b.incident})`).join('; ')) : null);
}

function viaText(v) {
  if (!v.policy) return v.token;
  return `${shortRef(v.policy)} rule ${v.rule} at ${v.scope === 'global' ? 'global' : shortRef(v.scope)}` +
    (v.token ? ` as ${v.token}` + (v.entities ? ' of ' + v.entities.map(shortRef).join(', ') : '') : '') +
    (v.location ? ` (${v.location})` : '');
}

/** Lineage as an SVG: producers on the left, consumers on the right, the entity in the middle. */
function lineageGraph(graph, center) {
  if (!graph || graph.nodes.length <= 1) return h('p', { class: 'muted' }, 'No lineage: nothing depends on it and it depends on nothing.');
  const columns = new Map();
  graph.nodes.forEach(n => { if (!columns.has(n.depth)) columns.set(n.depth, []); columns.get(n.depth).push(n); });
  const depths = [...columns.keys()].sort((a, b) => a - b);
  const W = 220, GAP = 56, RH = 34, VG = 12;
  const fit = t => (t.length > 32 ? t.slice(0, 31) + '…' : t);
  const height = Math.max(...[...columns.values()].map(c => c.length)) * (RH + VG) + VG;
  const pos = new Map();
  depths.forEach((d, ci) => columns.get(d).forEach((n, ri) => {
    const col = columns.get(d);
    const top = (height - col.length * (RH + VG)) / 2 + VG / 2;
    pos.set(n.ref, { x: ci * (W + GAP) + 10, y: top + ri * (RH + VG), n });
  }));
  const width = depths.length * (W + GAP) - GAP + 20;
  const svg = s('svg', { class: 'lineage', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'lineage-title' },
    s('title', { id: 'lineage-title' }, `Lineage of ${shortRef(center)}: producers left, consumers right`),
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto' },
      s('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8c959f' }))),
    graph.edges.map(([from, to]) => {
      const a = pos.get(from), b = pos.get(to);
      if (!a || !b) return null;
      const x1 = a.x + W, y1 = a.y + RH / 2, x2 = b.x, y2 = b.y + RH / 2, mx = (x1 + x2) / 2;
      return s('path', { d: `M${x1},${y1} C${mx},${y1} ${mx},${y2} ${x2},${y2}` });
    }),
    [...pos.values()].map(({ x, y, n }) => {
      const a = s('a', { href: refUrl(n.ref), 'data-link': true },
        s('rect', { x, y, width: W, height: RH, rx: 6, class: n.ref === center ? 'center' : '' }),
        s('text', { x: x + 8, y: y + 14 }, fit(shortRef(n.ref))),
        s('text', { x: x + 8, y: y + 28, class: 'muted' }, fit((n.type || '') + (n.owner ? ' · ' + shortRef(n.owner).replace('group:', '') : ''))));
      return a;
    }));
  const up = graph.nodes.filter(n => n.depth < 0).map(n => n.ref), down = graph.nodes.filter(n => n.depth > 0).map(n => n.ref);
  return h('div', {}, svg, h('p', { class: 'muted' }, 'Upstream: ', up.length ? up.map(shortRef).join(', ') : 'none',
    '. Downstream: ', down.length ? down.map(shortRef).join(', ') : 'none', '.'));
}

// ---------- team page ----------

async function teamPage(_params, name) {
  const [duties, group] = await Promise.all([api('/api/groups/' + encodeURIComponent(name) + '/duties'),
    api('/api/entities/group/default/' + encodeURIComponent(name)).catch(() => null)]);
  const links = group ? (group.entity.metadata.links || []).map(l => h('li', {}, h('a', { href: l.url, rel: 'noopener' }, l.title || l.url))) : [];
  const assignments = (list, title) => h('section', {}, h('h2', {}, `${title} (${list.length})`), list.length
    ? h('table', { class: 'responsive' }, h('thead', {}, h('tr', {}, ['Entity', 'Responsibility', 'Min', 'Why'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map(a => h('tr', {}, h('td', {}, refLink(a.entity)),
        h('td', {}, link(`/explorer?entity=${encodeURIComponent(a.entity)}&responsibility=${a.responsibility}`, a.responsibility)),
        h('td', {}, a.min), h('td', { class: 'muted' }, a.via.map(viaText).join('; '))))))
    : h('p', { class: 'muted' }, 'None.'));
  show(duties.title || name,
    group && group.entity.metadata.description ? h('p', {}, group.entity.metadata.description) : null,
    h('div', { class: 'columns' },
      h('section', {}, h('h2', {}, `Members (${duties.members.length})`), h('ul', {}, duties.members.map(m => h('li', {}, refLink(m))))),
      h('section', {}, h('h2', {}, 'Sub-teams'), duties.children.length ? h('ul', {}, duties.children.map(c => h('li', {}, refLink(c)))) : h('p', { class: 'muted' }, 'None.')),
      links.length ? h('section', {}, h('h2', {}, 'On call and links'), h('ul', {}, links)) : null),
    h('h2', {}, `Owns (${duties.owns.length})`), duties.owns.length ? h('ul', { class: 'columns' }, duties.owns.map(o => h('li', {}, refLink(o)))) : h('p', { class: 'muted' }, 'Nothing.'),
    assignments(duties.approves, 'Must approve'), assignments(duties.responsible, 'Responsible for'),
    assignments(duties.consulted, 'Consulted on'), assignments(duties.informed, 'Informed of'),
    h('h2', {}, 'Overdue follow-ups'), h('div', { id: 'overdue' }, h('p', { class: 'muted' }, 'Loading…')));
  fill('overdue', api('/api/actions?overdue=true&owner=' + encodeURIComponent(duties.group)), actionTable, 'Nothing overdue.');
}

// ---------- sign-off explorer ----------

async function explorerPage(params) {
  const entity = params.get('entity') || '';
  const responsibility = params.get('responsibility') || '';
  const entityInput = h('input', { id: 'explorer-entity', name: 'entity', value: entity, list: 'entity-options', required: true, size: 34, autocomplete: 'off' });
  const options = h('datalist', { id: 'entity-options' });
  const select = h('select', { id: 'explorer-responsibility', name: 'responsibility', required: true },
    h('option', { value: responsibility }, responsibility || '— pick an entity first —'));
  const form = h('form', { class: 'inline', 'aria-label': 'Who approves this, and why?' },
    h('label', { for: 'explorer-entity' }, 'Entity', entityInput), options,
    h('label', { for: 'explorer-responsibility' }, 'Responsibility', select),
    h('button', { class: 'primary', type: 'submit' }, 'Explain'));
  let timer;
  entityInput.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = entityInput.value.trim();
      if (q.length < 2) return;
      const found = await api('/api/entities?limit=10&q=' + encodeURIComponent(q)).catch(() => ({ items: [] }));
      options.replaceChildren(...found.items.map(i => h('option', { value: i.ref }, i.title || i.name)));
    }, 150);
  });
  const loadResponsibilities = async () => {
    const ref = entityInput.value.trim();
    const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
    if (!m) return;
    try {
      const e = await api(`/api/entities/${m[1]}/${m[2]}/${encodeURIComponent(m[3])}`);
      const names = e.responsibilities.map(r => r.responsibility);
      const keep = names.includes(select.value) ? select.value : (names.includes(responsibility) ? responsibility : names[0]);
      select.replaceChildren(...names.map(n => h('option', { value: n, selected: n === keep }, n)));
    } catch (_) { /* typed ref is not a full ref yet */ }
  };
  entityInput.addEventListener('change', loadResponsibilities);
  form.addEventListener('submit', e => {
    e.preventDefault();
    go(`/explorer?entity=${encodeURIComponent(entityInput.value.trim())}&responsibility=${encodeURIComponent(select.value)}`);
  });
  const answer = h('div', { id: 'answer', 'aria-live': 'polite' });
  show('Sign-off explorer', h('p', { class: 'muted' }, 'Pick an entity and a responsibility: Steward says who, and which rules say so.'), form, answer);
  if (entity) await loadResponsibilities();
  if (entity && responsibility) {
    try {
      const r = await api(`/api/who?entity=${encodeURIComponent(entity)}&responsibility=${encodeURIComponent(responsibility)}`);
      answer.replaceChildren(h('p', {}, 'For ', refLink(r.entity), ', owned by ', r.owner ? refLink(r.owner.ref) : 'nobody',
        `, at commit ${r.commit.slice(0, 12)}:`), resolutionCard(r));
    } catch (e) {
      answer.replaceChildren(errorBox(e));
    }
  }
}

// ---------- PR plan viewer ----------

async function plansPage(params) {
  const form = h('form', { class: 'inline', 'aria-label': 'Plan a pull request' },
    h('label', {}, 'Base', h('input', { name: 'base', value: params.get('base') || 'main', required: true })),
    h('label', {}, 'Head', h('input', { name: 'head', value: params.get('head') || '', placeholder: 'branch or commit', required: true })),
    h('label', {}, 'Approved by', h('input', { name: 'approvedBy', value: params.get('approvedBy') || '', placeholder: 'user:a,user:b', size: 28 })),
    h('button', { class: 'primary', type: 'submit' }, 'Plan'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const p = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (String(v).trim()) p.set(k, String(v).trim()); });
    go('/plans?' + p);
  });
  const out = h('div', { id: 'plan', 'aria-live': 'polite' });
  show('Pull-request plan', h('p', { class: 'muted' }, 'What a pull request changes in the catalog, what kind of change each is, and who must still approve. Rules come from the base.'), form, out);
  if (!params.get('base') || !params.get('head')) return;
  try {
    const plan = await api('/api/plan?' + new URLSearchParams(params));
    out.replaceChildren(
      h('p', {}, pill(plan.satisfied ? 'every sign-off is in' : 'sign-offs missing', plan.satisfied ? 'status-ok' : 'status-unowned'),
        ` ${plan.changes.length} change(s) from ${plan.base.slice(0, 12)} to ${plan.head.slice(0, 12)}.`),
      plan.errors.length ? h('div', { class: 'card' }, h('h3', { class: 'error' }, 'The head does not validate'),
        h('ul', {}, plan.errors.map(e => h('li', {}, h('code', {}, `${e.path}:${e.line}`), ' ', e.message)))) : null,
      h('table', { class: 'responsive' }, h('thead', {}, h('tr', {}, ['', 'Entity', 'Change', 'Approvers', 'Runbook'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, plan.changes.map(c => h('tr', {},
          h('td', {}, c.satisfied ? '✅' : '❌'), h('td', {}, refLink(c.entity)),
          h('td', {}, c.responsibility, h('div', { class: 'muted' }, c.change + (c.paths.length ? ': ' + c.paths.join(', ') : '')),
            c.note ? h('div', { class: 'error' }, c.note) : null),
          h('td', {}, c.approvers.length ? h('ul', {}, c.approvers.map(a => h('li', {}, a.satisfied ? '✓ ' : '✗ ', refLink(a.ref),
            ` ${a.approvedBy.length}/${a.min}`, a.approvedBy.length ? h('span', { class: 'muted' }, ' by ' + a.approvedBy.map(shortRef).join(', ')) : null)))
            : h('span', { class: 'error' }, 'no approvers defined')),
          h('td', {}, c.runbook ? h('a', { href: '/runbooks/' + c.runbook }, c.runbook) : ''))))));
  } catch (e) {
    out.replaceChildren(errorBox(e));
  }
}

// ---------- runbooks ----------

async function runbooksPage(params) {
  const staleOnly = params.get('stale') === 'true';
  const list = await api('/api/runbooks' + (staleOnly ? '?stale=true' : ''));
  show('Runbooks',
    h('p', {}, staleOnly ? link('/runbooks', 'Show all') : link('/runbooks?stale=true', 'Show only stale runbooks')),
    h('table', { class: 'responsive' }, h('thead', {}, h('tr', {}, ['Runbook', 'Owner', 'For', 'Reviewed'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map(r => h('tr', {}, h('td', {}, h('a', { href: '/runbooks/' + r.path }, r.title), h('div', { class: 'muted' }, r.path)),
        h('td', {}, r.owner ? refLink(r.owner.includes(':') ? r.owner.replace(/^(\w+):(?!.*\/)/, '$1:default/') : 'group:default/' + r.owner) : ''),
        h('td', {}, (r.responsibilities || []).join(', ')),
        h('td', {}, r.reviewed || '—', ' ', r.stale ? pill('stale', 'overdue') : null))))));
}

// ---------- incidents ----------

const STATUSES = ['open', 'mitigated', 'resolved', 'postmortem', 'closed'];

function tokenField() {
  const input = h('input', { type: 'password', id: 'token', value: token(), autocomplete: 'off', size: 24 });
  input.addEventListener('change', () => sessionStorage.setItem('steward.token', input.value.trim()));
  return h('label', { for: 'token' }, 'API token (for changes)', input);
}

function incidentList(list) {
  return h('ul', {}, list.map(i => h('li', {}, link('/incidents/' + i.id, `#${i.id} ${i.title}`), ' ',
    pill(i.severity), ' ', pill(i.status))));
}

function actionTable(list) {
  if (!list.length) return null;
  return h('table', { class: 'responsive' }, h('thead', {}, h('tr', {}, ['Action', 'Owner', 'Priority', 'Due', 'Status', 'Incident'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map(a => h('tr', {}, h('td', {}, a.link ? h('a', { href: a.link, rel: 'noopener' }, a.title) : a.title),
      h('td', {}, refLink(a.owner)), h('td', {}, a.priority), h('td', {}, a.due, ' ', a.overdue ? pill('overdue', 'overdue') : null),
      h('td', {}, a.status), h('td', {}, link('/incidents/' + a.incident, '#' + a.incident))))));
}

async function incidentsPage() {
  const incidents = await api('/api/incidents?limit=200').catch(e => { if (e.status === 404) return null; throw e; });
  if (incidents === null) { show('Incidents', h('p', { class: 'muted' }, 'This server keeps no incidents.')); return; }
  const feedback = h('div', { 'aria-live': 'polite', id: 'create-feedback' });
  const form = h('form', { class: 'inline', id: 'create-incident', 'aria-label': 'Open an incident' },
    h('label', {}, 'Title', h('input', { name: 'title', required: true, size: 30 })),
    h('label', {}, 'Severity', h('select', { name: 'severity' }, ['SEV1', 'SEV2', 'SEV3', 'SEV4'].map(s => h('option', { selected: s === 'SEV2' }, s)))),
    h('label', {}, 'Affected entities', h('input', { name: 'entities', required: true, placeholder: 'resource:orders-fact, …', size: 30 })),
    tokenField(), h('button', { class: 'primary', type: 'submit' }, 'Open incident'));
  form.addEventListener('submit', async e => {
    e.preventDefault();
    const data = new FormData(form);
    try {
      const created = await write('POST', '/api/incidents', { title: data.get('title'), severity: data.get('severity'),
        entities: String(data.get('entities')).split(',').map(s => s.trim()).filter(Boolean) });
      go('/incidents/' + created.id);
    } catch (err) {
      feedback.replaceChildren(errorBox(err));
    }
  });
  const board = h('div', { class: 'board' }, STATUSES.map(s => h('section', { 'aria-label': s },
    h('h2', {}, s, ' ', h('span', { class: 'muted' }, incidents.filter(i => i.status === s).length)),
    incidents.filter(i => i.status === s).map(i => h('div', { class: 'card' },
      link('/incidents/' + i.id, `#${i.id} ${i.title}`), h('div', {}, pill(i.severity), ' ',
        i.rcaOwner ? h('span', { class: 'muted' }, 'RCA: ' + shortRef(i.rcaOwner.ref)) : null),
      i.actions.some(a => a.overdue) ? pill('overdue follow-ups', 'overdue') : null)))));
  show('Incidents', form, feedback, board);
}

async function incidentPage(_params, id) {
  const i = await api('/api/incidents/' + id);
  const feedback = h('div', { 'aria-live': 'polite', id: 'incident-feedback' });
  const act = async (method, path, body) => {
    try { await write(method, path, body); route(); } catch (e) { feedback.replaceChildren(errorBox(e)); }
  };
  const moves = h('div', {}, i.nextStatuses.map(s => h('button', { type: 'button', class: 'primary', 'data-status': s,
    onclick: () => act('PATCH', '/api/incidents/' + id, { status: s }) }, 'Move to ' + s)));
  const signOff = h('form', { class: 'inline', 'aria-label': 'Record an RCA sign-off' },
    h('label', {}, 'Signed off by', h('input', { name: 'signOff', placeholder: 'user:name' })), h('button', { type: 'submit' }, 'Record sign-off'));
  signOff.addEventListener('submit', e => { e.preventDefault(); act('PATCH', '/api/incidents/' + id, { signOff: new FormData(signOff).get('signOff') }); });
  const action = h('form', { class: 'inline', id: 'add-action', 'aria-label': 'Add an action item' },
    h('label', {}, 'Action', h('input', { name: 'title', required: true, size: 28 })),
    h('label', {}, 'Owner', h('input', { name: 'owner', required: true, placeholder: 'group:team' })),
    h('label', {}, 'Priority', h('select', { name: 'priority' }, ['P1', 'P2', 'P3', 'P4'].map(p => h('option', { selected: p === 'P2' }, p)))),
    h('label', {}, 'Due', h('input', { name: 'dueDate', type: 'date' })),
    h('button', { type: 'submit' }, 'Add action'));
  action.addEventListener('submit', e => {
    e.preventDefault();
    const d = new FormData(action);
    const body = { title: d.get('title'), owner: d.get('owner'), priority: d.get('priority') };
    if (d.get('dueDate')) body.dueDate = d.get('dueDate');
    act('POST', `/api/incidents/${id}/actions`, body);
  });
  const actions = i.actions.length ? h('table', { class: 'responsive', id: 'actions' },
    h('thead', {}, h('tr', {}, ['Action', 'Owner', 'Priority', 'Due', 'Status'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, i.actions.map(a => h('tr', {}, h('td', {}, a.title), h('td', {}, refLink(a.owner)), h('td', {}, a.priority),
      h('td', {}, a.due, ' ', a.overdue ? pill('overdue', 'overdue') : null),
      h('td', {}, h('label', {}, h('span', { class: 'muted' }, 'Status'), h('select', { onchange: ev => act('PATCH', `/api/incidents/${id}/actions/${a.id}`, { status: ev.target.value }) },
        ['open', 'done', 'wont-do'].map(s => h('option', { selected: s === a.status }, s))))))))) : h('p', { class: 'muted' }, 'No action items yet.');
  show(`#${i.id} ${i.title}`,
    h('p', {}, pill(i.severity), ' ', pill(i.status, 'status-' + (i.status === 'closed' ? 'ok' : 'unowned')), ' ',
      h('a', { href: `/api/incidents/${id}/postmortem.md` }, 'Postmortem (Markdown)')),
    h('dl', { class: 'kv' },
      h('dt', {}, 'Affected'), h('dd', {}, i.entities.map(r => [refLink(r), ' '])),
      h('dt', {}, 'RCA owner'), h('dd', {}, i.rcaOwner ? refLink(i.rcaOwner.ref) : 'none resolved'),
      h('dt', {}, 'RCA reviewers'), h('dd', {}, i.rcaReviewers.length ? i.rcaReviewers.map(p => [refLink(p.ref), p.min > 1 ? ` (${p.min})` : '', ' ']) : 'none'),
      h('dt', {}, 'Signed off'), h('dd', {}, i.signOffs.length ? i.signOffs.map(s => shortRef(s.reviewer)).join(', ') : 'nobody yet'),
      h('dt', {}, 'Detected'), h('dd', {}, i.detectedAt || '—'),
      h('dt', {}, 'Rules from commit'), h('dd', {}, h('code', {}, (i.rcaCommit || '').slice(0, 12)))),
    tokenField(), feedback, moves, signOff,
    h('h2', {}, 'Action items'), actions, action,
    h('h2', {}, 'Timeline'), h('ol', {}, i.timeline.map(t => h('li', {}, h('span', { class: 'muted' }, t.at.replace('T', ' ').slice(0, 19) + ' '), t.text))));
}

// ---------- start ----------

showStatus();
setInterval(showStatus, 30000);
route();

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
  for (const c of children.flat(Infinity)) {
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
  // replaceChildren would write a skipped part (null) as the text "null": leave those out, as h() does.
  main.replaceChildren(h('h1', { tabindex: '-1', id: 'page-title' }, title),
    ...content.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  document.getElementById('page-title').focus({ preventScroll: true });
}

// ---------- routing ----------

const routes = [
  [/^\/$/, catalogPage, 'catalog'],
  [/^\/entities\/([^/]+)\/([^/]+)\/([^/]+)$/, entityPage, 'catalog'],
  [/^\/teams\/([^/]+)$/, teamPage, 'catalog'],
  [/^\/explorer$/, explorerPage, 'explorer'],
  [/^\/plans$/, plansPage, 'plans'],
  [/^\/readiness$/, readinessPage, 'readiness'],
  [/^\/readiness\/([^/]+)$/, checklistPage, 'readiness'],
  [/^\/runbooks$/, runbooksPage, 'runbooks'],
  [/^\/incidents$/, incidentsPage, 'incidents'],
  [/^\/incidents\/(\d+)$/, incidentPage, 'incidents'],
  [/^\/alignment$/, alignmentPage, 'alignment'],
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
    // The reasons other than an invalid head, which has a banner of its own; failing[i] is reasons[i]'s part.
    const degraded = s.health && s.health.degraded
      ? s.health.reasons.filter((r, i) => s.health.failing[i] !== 'catalog') : [];
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
    // Shown once /api/readiness says a checklist applies to this entity.
    h('section', { id: 'readiness-section', hidden: true, 'aria-labelledby': 'readiness-heading' },
      h('h2', { id: 'readiness-heading' }, 'Production readiness'), h('div', { id: 'readiness' })),
    // Shown once /api/alignment answers for this entity: its findings, or that it is in line with the platform.
    h('section', { id: 'alignment-section', hidden: true, 'aria-labelledby': 'alignment-heading' },
      h('h2', { id: 'alignment-heading' }, 'Platform alignment'), h('div', { id: 'alignment' })),
    h('h2', {}, 'Sign-offs and duties'),
    h('div', { id: 'responsibilities' }, e.responsibilities.filter(r => r.status !== 'not-applicable').map(resolutionCard)),
    h('h2', {}, 'Open incidents'), h('div', { id: 'incidents' }, h('p', { class: 'muted' }, 'Loading…')),
    h('h2', {}, 'Overdue follow-ups'), h('div', { id: 'overdue' }, h('p', { class: 'muted' }, 'Loading…')),
    h('h2', {}, 'Ownership history'), h('div', { id: 'history' }, h('p', { class: 'muted' }, 'Loading…')),
  ];
  show(meta.title || meta.name || e.ref, ...sections);
  if (owner) onCall(owner.targetRef);
  entityReadiness(e.ref, facts);
  entityAlignment(e.ref, spec.type, facts);
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
    h('h2', {}, 'Readiness'), h('div', { id: 'team-readiness' }, h('p', { class: 'muted' }, 'Loading…')),
    assignments(duties.approves, 'Must approve'), assignments(duties.responsible, 'Responsible for'),
    assignments(duties.consulted, 'Consulted on'), assignments(duties.informed, 'Informed of'),
    h('h2', {}, 'Overdue follow-ups'), h('div', { id: 'overdue' }, h('p', { class: 'muted' }, 'Loading…')));
  fill('overdue', api('/api/actions?overdue=true&owner=' + encodeURIComponent(duties.group)), actionTable, 'Nothing overdue.');
  fill('team-readiness', api('/api/readiness?limit=200&owner=' + encodeURIComponent(duties.group)), teamReadiness,
    'No readiness checklist applies to what this team owns.');
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

// ---------- production readiness ----------

/** Each check status: a symbol (decoration only) and a colour class; the status word is always written out. */
const CHECK_STATUS = {
  pass: ['✓', 'check-ok'], waived: ['≈', 'check-waived'], pending: ['…', 'check-warn'], expired: ['↻', 'check-warn'],
  void: ['⊘', 'check-bad'], fail: ['✗', 'check-bad'], error: ['!', 'check-bad'],
};
const ATTESTABLE = ['pending', 'expired', 'void'];

function checkPill(status) {
  const [symbol, kind] = CHECK_STATUS[status] || ['?', ''];
  return h('span', { class: 'pill check ' + kind, 'data-status': status },
    h('span', { 'aria-hidden': 'true' }, symbol + ' '), status || 'unknown');
}

function readyPill(ready, level, gate) {
  return ready
    ? pill(`${level || gate} ✓ ready`, 'status-ok')
    : pill(`not ready: needs ${gate}` + (level ? ` (at ${level})` : ''), 'status-unowned');
}

function levelText(level) {
  return level || 'none';
}

function today() {
  return new Date().toISOString().slice(0, 10);
}

/** A link only for http(s) URLs (evidence is user input); anything else is shown as text. */
function safeLink(url, text) {
  try {
    const u = new URL(url);
    if (u.protocol === 'http:' || u.protocol === 'https:') return h('a', { href: u.href, rel: 'noopener noreferrer' }, text || url);
  } catch (_) { /* not a URL */ }
  return h('code', {}, url);
}

function runbookLink(path) {
  return path ? h('a', { href: '/runbooks/' + path }, path) : '';
}

function userName(ref) {
  return (ref || '').replace(/^user:default\//, '');
}

/** Parties (as in /api/who) as team links with their members. */
function partyList(parties) {
  if (!parties || !parties.length) return '';
  return h('ul', { class: 'plain' }, parties.map(p => h('li', {}, refLink(p.ref), p.min > 1 ? ` — ${p.min} of them` : '',
    p.members && p.members.length && p.members[0] !== p.ref ? h('span', { class: 'muted' }, ' (' + p.members.map(userName).join(', ') + ')') : null)));
}

function dueText(dueBy, overdue) {
  if (!dueBy) return null;
  return h('span', {}, `due by ${dueBy}`, overdue ? [' ', pill('overdue', 'overdue')] : null);
}

/** The entity page's readiness: one card per checklist, then the forms to attest or waive a check. */
async function entityReadiness(ref, facts) {
  const section = document.getElementById('readiness-section');
  const box = document.getElementById('readiness');
  let data;
  try {
    data = await api('/api/readiness?entity=' + encodeURIComponent(ref));
  } catch (e) {
    if (e.status === 404) return; // a server without readiness, or no such entity
    section.hidden = false;
    box.replaceChildren(errorBox(e));
    return;
  }
  if (!data.checklists || !data.checklists.length) return;
  const summary = h('dd', { id: 'readiness-summary' });
  facts.append(h('dt', {}, 'Readiness'), summary);
  const cards = h('div', { id: 'readiness-checklists' });
  const feedback = h('div', { id: 'readiness-feedback', 'aria-live': 'polite' });
  const forms = readinessForms(ref, feedback, async () => {
    render(await api('/api/readiness?entity=' + encodeURIComponent(ref)));
  });
  const render = d => {
    summary.replaceChildren(h('a', { href: '#readiness-heading' }, d.ready ? 'ready' : 'not ready'),
      `, level ${levelText(d.level)}`);
    cards.replaceChildren(h('p', {}, pill(d.ready ? 'ready' : 'not ready', d.ready ? 'status-ok' : 'status-unowned'),
      ` Level ${levelText(d.level)} across ${d.checklists.length} checklist(s)`,
      d.commit ? h('span', { class: 'muted' }, `, rules at commit ${d.commit.slice(0, 12)}`) : null, '.'),
    ...d.checklists.map(c => checklistCard(c, forms.pick)));
    forms.update(d);
  };
  render(data);
  section.hidden = false;
  box.replaceChildren(cards, forms.element, feedback);
}

function checklistCard(c, pick) {
  const headers = ['Check', 'Level and kind', 'Status', 'Evidence', 'Expires', 'Waiver', 'Who must act', 'Act'];
  return h('section', { class: 'card', 'data-checklist': c.checklist, 'aria-label': c.title || c.checklist },
    h('h3', {}, link('/readiness/' + encodeURIComponent(c.checklist), c.title || c.checklist), ' ', readyPill(c.ready, c.level, c.gate)),
    h('p', { class: 'muted' }, `Reached ${levelText(c.level)} (levels ${(c.levels || []).join(' → ')}); production needs ${c.gate}`,
      c.dueBy ? ['; ', dueText(c.dueBy, c.overdue ?? (!c.ready && c.dueBy < today()))] : null, '.'),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': `Checks of ${c.title || c.checklist}` },
      h('table', { class: 'checks' },
        h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, c.checks.map(k => checkRow(c, k, pick))))));
}

function checkRow(c, k, pick) {
  const a = k.attestation, w = k.waiver;
  const expires = a && a.voidedBy
    ? h('span', { class: 'error' }, `void: ${a.voidedBy.path} changed`, a.voidedBy.commit ? [' in ', h('code', {}, a.voidedBy.commit.slice(0, 10))] : null)
    : a && a.expiresAt ? h('span', { class: k.status === 'expired' ? 'error' : '' }, (k.status === 'expired' ? 'expired ' : '') + a.expiresAt.slice(0, 10))
      : '';
  const actions = [];
  if (k.kind === 'attest' && ATTESTABLE.includes(k.status)) {
    actions.push(h('button', { type: 'button', 'data-attest': k.id, 'aria-label': `Attest ${k.title || k.id}`, onclick: () => pick('attest', c.checklist, k.id) }, 'Attest…'));
  }
  if (k.status !== 'pass' && k.status !== 'waived') {
    actions.push(h('button', { type: 'button', 'data-waive': k.id, 'aria-label': `Waive ${k.title || k.id}`, onclick: () => pick('waive', c.checklist, k.id) }, 'Waive…'));
  }
  return h('tr', { 'data-check': k.id },
    h('th', { scope: 'row' }, k.title || k.id, h('div', { class: 'muted' }, h('code', {}, k.id)),
      k.message && k.status !== 'pass' ? h('div', { class: k.status === 'error' ? 'error small' : 'muted small' }, k.message) : null,
      k.runbook ? h('div', { class: 'small' }, 'Runbook: ', runbookLink(k.runbook)) : null),
    h('td', {}, `${k.level} · ${k.kind}`,
      k.kind === 'attest' && k.by && k.by.length ? h('div', { class: 'muted small' }, 'by ' + k.by.map(p => shortRef(p.ref)).join(', ')) : null),
    h('td', {}, checkPill(k.status),
      k.counts === false ? h('div', { class: 'muted small' }, k.effectiveFrom ? `counts from ${k.effectiveFrom}` : 'not counted yet') : null),
    h('td', {}, a && a.evidence ? safeLink(a.evidence, 'evidence') : '',
      a ? h('div', { class: 'muted small' }, `by ${userName(a.actor)}` + (a.attestedAt ? ` on ${a.attestedAt.slice(0, 10)}` : '')) : null,
      a && a.note ? h('div', { class: 'small' }, a.note) : null),
    h('td', {}, expires),
    h('td', {}, w ? [w.reason, h('div', { class: 'muted small' }, `until ${w.until}` + (w.actor ? `, by ${userName(w.actor)}` : ''))] : ''),
    h('td', {}, partyList(k.mustAct)),
    h('td', { class: 'act' }, actions));
}

/** One form to attest and one to waive; rows' buttons pick the check. The server decides who may. */
function readinessForms(entity, feedback, reload) {
  const attestSelect = h('select', { name: 'target', id: 'attest-check', required: true });
  const waiveSelect = h('select', { name: 'target', id: 'waive-check', required: true });
  const attest = h('form', { class: 'inline', id: 'attest-form', 'aria-label': 'Attest a check' },
    h('label', { for: 'attest-check' }, 'Check', attestSelect),
    h('label', {}, 'Evidence URL', h('input', { name: 'evidence', type: 'url', required: true, size: 34, placeholder: 'https://…' })),
    h('label', {}, 'Note', h('input', { name: 'note', size: 24 })),
    h('button', { class: 'primary', type: 'submit' }, 'Attest'));
  const waive = h('form', { class: 'inline', id: 'waive-form', 'aria-label': 'Waive a check' },
    h('label', { for: 'waive-check' }, 'Check', waiveSelect),
    h('label', {}, 'Reason', h('input', { name: 'reason', required: true, size: 30 })),
    h('label', {}, 'Until', h('input', { name: 'until', type: 'date', required: true, min: today() })),
    h('button', { type: 'submit' }, 'Waive'));
  const attestBox = h('div', {}, h('h4', {}, 'Attest a check'), attest);
  const waiveBox = h('div', {}, h('h4', {}, 'Waive a check'), waive);
  const element = h('section', { class: 'card', id: 'readiness-act', 'aria-labelledby': 'readiness-act-title' },
    h('h3', { id: 'readiness-act-title' }, 'Attest or waive'),
    h('p', { class: 'muted' }, 'Attest with a link to the evidence; waivers need a reason and an end date. Only eligible users may: the server checks your token.'),
    h('div', { class: 'fieldrow' }, tokenField()), attestBox, waiveBox);
  const option = (c, k) => h('option', { value: c.checklist + '/' + k.id }, `${c.checklist}: ${k.id} (${k.status})`);
  const submit = (form, path, fields, done) => form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const d = new FormData(form);
    const [checklist, check] = String(d.get('target')).split('/');
    const body = { entity, checklist, check };
    fields.forEach(f => { if (String(d.get(f) || '').trim()) body[f] = String(d.get(f)).trim(); });
    form.querySelectorAll('[aria-invalid]').forEach(el => { el.removeAttribute('aria-invalid'); el.removeAttribute('aria-describedby'); });
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      await write('POST', path, body);
      form.reset();
      await reload();
      feedback.replaceChildren(h('p', { class: 'ok', role: 'status' }, done(checklist, check)));
    } catch (e) {
      feedback.replaceChildren(fieldError(form, e));
    } finally {
      button.disabled = false;
    }
  });
  submit(attest, '/api/readiness/attestations', ['evidence', 'note'], (c, k) => `Attested ${k} (${c}).`);
  submit(waive, '/api/readiness/waivers', ['reason', 'until'], (c, k) => `Waived ${k} (${c}).`);
  return {
    element,
    update(d) {
      const attestable = d.checklists.flatMap(c => c.checks.filter(k => k.kind === 'attest' && ATTESTABLE.includes(k.status)).map(k => option(c, k)));
      const waivable = d.checklists.flatMap(c => c.checks.filter(k => k.status !== 'pass' && k.status !== 'waived').map(k => option(c, k)));
      attestSelect.replaceChildren(...attestable);
      waiveSelect.replaceChildren(...waivable);
      attestBox.hidden = !attestable.length;
      waiveBox.hidden = !waivable.length;
      element.hidden = !attestable.length && !waivable.length;
    },
    pick(which, checklist, check) {
      const select = which === 'attest' ? attestSelect : waiveSelect;
      select.value = checklist + '/' + check;
      (which === 'attest' ? attest : waive).querySelector(which === 'attest' ? '[name=evidence]' : '[name=reason]').focus();
    },
  };
}

/** An API error next to the form, naming the field it is about and marking that field invalid. */
function fieldError(form, e) {
  const field = e.field ? form.querySelector(`[name="${CSS.escape(e.field)}"]`) : null;
  const box = h('p', { class: 'error', role: 'alert', id: form.id + '-error' },
    e.field ? h('strong', {}, e.field + ': ') : null, e.message || String(e),
    e.status === 401 ? ' (enter an API token above)' : e.status === 403 ? ' (your token\'s user may not do this for this check)' : '');
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', box.id);
    field.focus();
  }
  return box;
}

/** The team page: every entity it owns that a checklist applies to, with its level. */
function teamReadiness(result) {
  if (!result.items || !result.items.length) return null;
  return h('div', { class: 'table-scroll' }, h('table', { class: 'responsive', id: 'team-readiness-table' },
    h('caption', { class: 'muted' }, `${result.total} entities with a readiness checklist` + (result.total > result.items.length ? `, first ${result.items.length}` : '')),
    h('thead', {}, h('tr', {}, ['Entity', 'Lifecycle', 'Level', 'Ready', 'Checklists'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, result.items.map(i => h('tr', { 'data-entity': i.entity },
      h('td', {}, link(refUrl(i.entity), i.title || shortRef(i.entity))),
      h('td', {}, i.lifecycle || ''), h('td', {}, levelText(i.level)),
      h('td', {}, pill(i.ready ? 'ready' : 'not ready', i.ready ? 'status-ok' : 'status-unowned')),
      h('td', {}, (i.checklists || []).map(c => h('div', {}, link('/readiness/' + encodeURIComponent(c.checklist), c.checklist),
        `: ${levelText(c.level)} `, c.ready ? '✓' : `(needs ${c.gate})`, c.overdue ? [' ', pill('overdue', 'overdue')] : null))))))));
}

/** A typed owner as a full ref: "orders-team" and "group:orders-team" both mean group:default/orders-team. */
function groupRef(text) {
  const withKind = text.includes(':') ? text : 'group:' + text;
  return withKind.includes('/') ? withKind : withKind.replace(':', ':default/');
}

/** Counts per level, in the checklist's order, then "none". */
function levelCounts(levels, order, id) {
  const names = (order || []).concat(Object.keys(levels || {}).filter(l => !(order || []).includes(l) && l !== 'none'));
  if ('none' in (levels || {})) names.push('none');
  return h('ul', { class: 'level-counts', id }, names.map(l => h('li', { 'data-level': l },
    h('span', { class: 'level-name' }, l), ' ', h('strong', {}, String((levels || {})[l] || 0)))));
}

async function readinessPage() {
  const [checklists, all, ready] = await Promise.all([
    api('/api/readiness/checklists'), api('/api/readiness?limit=1'), api('/api/readiness?limit=1&ready=true')]);
  const rows = checklists.map(c => h('tr', { 'data-checklist': c.name },
    h('th', { scope: 'row' }, link('/readiness/' + encodeURIComponent(c.name), c.title || c.name), h('div', { class: 'muted' }, c.name),
      c.description ? h('div', { class: 'small' }, c.description) : null),
    h('td', {}, (c.appliesTo || []).join(', '),
      h('div', { class: 'muted small' }, c.scope ? ['in ', refLink(c.scope)] : 'everywhere', c.replaces ? ` (replaces ${c.replaces})` : '')),
    h('td', {}, (c.levels || []).map((l, i) => [i ? ' → ' : '', l === c.gate ? h('strong', {}, l + ' (gate)') : l])),
    h('td', {}, c.dueBy || '—'),
    h('td', {}, String((c.checks || []).length)),
    h('td', { id: 'counts-' + c.name }, h('span', { class: 'muted' }, 'Loading…'))));
  show('Production readiness',
    h('p', {}, `${all.total} entities have a readiness checklist; ${ready.total} of them are ready.`),
    checklists.length ? h('div', { class: 'table-scroll' }, h('table', { class: 'responsive', id: 'checklists' },
      h('thead', {}, h('tr', {}, ['Checklist', 'Applies to', 'Levels', 'Due by', 'Checks', 'Entities by level'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)))
      : h('p', { class: 'muted' }, 'No ReadinessChecklist in the catalog.'));
  checklists.forEach(c => fill('counts-' + c.name, c.levelCounts ? Promise.resolve({ levels: c.levelCounts })
    : api(`/api/readiness?limit=1&checklist=${encodeURIComponent(c.name)}`), r => levelCounts(r.levels, c.levels), 'none'));
}

/** Entities × checks for one checklist, filtered by owner and readiness in the URL, paged by the server. */
async function checklistPage(params, name) {
  const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  const owner = (params.get('owner') || '').trim();
  const readyFilter = params.get('ready') || '';
  const query = new URLSearchParams({ checklist: name, limit: PAGE, offset: page * PAGE });
  if (owner) query.set('owner', groupRef(owner));
  if (readyFilter === 'true' || readyFilter === 'false') query.set('ready', readyFilter);
  const [checklists, result, groups] = await Promise.all([api('/api/readiness/checklists'), api('/api/readiness?' + query),
    api('/api/entities?kind=group&limit=500').catch(() => ({ items: [] }))]);
  const c = checklists.find(x => x.name === name);
  if (!c) { show('Not found', h('p', {}, `No checklist named ${name}. `, link('/readiness', 'All checklists'))); return; }
  const base = '/readiness/' + encodeURIComponent(name);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter entities' },
    h('label', { for: 'filter-owner' }, 'Owner', h('input', { id: 'filter-owner', name: 'owner', value: owner, list: 'owner-options', size: 26, placeholder: 'group:default/team', autocomplete: 'off' })),
    h('datalist', { id: 'owner-options' }, groups.items.map(g => h('option', { value: g.ref }, g.title || g.name))),
    h('label', { for: 'filter-ready' }, 'Ready', h('select', { id: 'filter-ready', name: 'ready' },
      [['', 'any'], ['true', 'ready'], ['false', 'not ready']].map(([v, t]) => h('option', { value: v, selected: v === readyFilter }, t)))),
    h('button', { class: 'primary', type: 'submit' }, 'Filter'),
    h('button', { type: 'button', onclick: () => go(base) }, 'Clear'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (String(v).trim()) next.set(k, String(v).trim()); });
    go(base + (next.toString() ? '?' + next : ''));
  });
  const checks = c.checks || [];
  const matrix = h('table', { class: 'matrix', id: 'matrix' },
    h('caption', { class: 'muted' }, `${result.total} entities` + (result.total ? `, ${result.offset + 1}–${result.offset + result.items.length}` : '')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Entity'), h('th', { scope: 'col' }, 'Owner'),
      h('th', { scope: 'col' }, 'Level'), h('th', { scope: 'col' }, 'Ready'),
      checks.map(k => h('th', { scope: 'col', 'data-check': k.id, title: k.title }, k.id, h('div', { class: 'small' }, k.level + (k.kind === 'attest' ? ' · attest' : '')))))),
    h('tbody', {}, result.items.map(i => h('tr', { 'data-entity': i.entity },
      h('th', { scope: 'row' }, link(refUrl(i.entity), i.title || shortRef(i.entity)), h('div', { class: 'muted small' }, shortRef(i.entity))),
      h('td', {}, refLink(i.owner)), h('td', {}, levelText(i.level)),
      h('td', {}, pill(i.ready ? 'ready' : 'not ready', i.ready ? 'status-ok' : 'status-unowned')),
      checks.map(k => h('td', { 'data-check': k.id }, i.checks && i.checks[k.id] ? checkPill(i.checks[k.id]) : h('span', { class: 'muted' }, '—')))))));
  const pageLink = (n, text) => {
    const p = new URLSearchParams(params);
    if (n) p.set('page', n); else p.delete('page');
    return link(base + (p.toString() ? '?' + p : ''), text);
  };
  const pager = h('nav', { 'aria-label': 'Pages' }, page > 0 ? pageLink(page - 1, '← Previous') : null, ' ',
    (page + 1) * PAGE < result.total ? pageLink(page + 1, 'Next →') : null);
  const definitions = h('table', { class: 'responsive', id: 'check-definitions' },
    h('thead', {}, h('tr', {}, ['Check', 'Level', 'How it passes', 'Runbook'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, checks.map(k => h('tr', { 'data-check': k.id },
      h('th', { scope: 'row' }, h('code', {}, k.id), h('div', {}, k.title || ''),
        k.effectiveFrom ? h('div', { class: 'muted small' }, `counts from ${k.effectiveFrom}`) : null),
      h('td', { class: 'nowrap' }, k.level),
      h('td', {}, k.kind === 'rule' ? ['rule: ', h('code', {}, k.rule || '')]
        : ['attested by ', h('code', {}, k.by || ''), k.validFor ? `, valid for ${k.validFor}` : '',
          (k.voidOn || []).length ? [', void when ', (k.voidOn || []).map((p, n) => [n ? ', ' : '', h('code', {}, p)]), ' changes'] : '']),
      h('td', { class: 'nowrap' }, runbookLink(k.runbook))))));
  show(c.title || name,
    c.description ? h('p', {}, c.description) : null,
    h('dl', { class: 'kv' },
      h('dt', {}, 'Applies to'), h('dd', {}, (c.appliesTo || []).join(', ') || 'every entity'),
      h('dt', {}, 'Scope'), h('dd', {}, c.scope ? refLink(c.scope) : 'global', c.replaces ? ` (replaces ${c.replaces} there)` : ''),
      h('dt', {}, 'Levels'), h('dd', {}, (c.levels || []).join(' → '), `; gate ${c.gate}`),
      c.dueBy ? h('dt', {}, 'Due by') : null, c.dueBy ? h('dd', {}, c.dueBy) : null,
      h('dt', {}, 'Defined at'), h('dd', {}, h('code', {}, c.location || ''))),
    form,
    h('h2', { id: 'levels-heading' }, 'Entities by level'), levelCounts(result.levels, c.levels, 'level-counts'),
    h('h2', {}, 'Checks by entity'),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': 'Entities by check' }, matrix), pager,
    h('h2', {}, 'The checks'), h('div', { class: 'table-scroll' }, definitions));
}

// ---------- platform alignment ----------

/** Finding kinds, most urgent first: what the manifests declare and the platform lacks, then drift, then strays. */
const FINDING_KINDS = ['missing', 'drift', 'unmanaged'];

function findingPill(kind) {
  return h('span', { class: 'pill finding finding-' + kind, 'data-kind': kind }, kind);
}

/** A declared or observed value as text: strings as they are, anything else as JSON. */
function alignValue(v, absent) {
  if (v === null || v === undefined) return h('span', { class: 'muted' }, absent);
  return h('code', {}, typeof v === 'string' ? v : JSON.stringify(v));
}

function ageText(seconds) {
  const s = Math.max(0, Math.floor(Number(seconds) || 0));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

function timeText(iso) {
  return iso ? iso.replace('T', ' ').slice(0, 19) + ' UTC' : 'never';
}

function stalePill() {
  return pill('stale', 'check-warn');
}

/** Whether a platform source can say anything about an entity of this kind and spec.type. */
function sourceCovers(source, kind, type) {
  if (kind === 'resource' && type === 'kafka-topic') return source.startsWith('kafka:');
  if (kind === 'resource' && type === 'iceberg-table') return /^iceberg-(jdbc|rest):/.test(source);
  if (kind === 'component' && type === 'flink-job') return source.startsWith('flink:');
  if (kind === 'api') return source.startsWith('schema-registry');
  return false;
}

/** The entity API path of a full ref (kind:namespace/name). */
function entityApi(ref) {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref || '');
  return m ? `/api/entities/${m[1]}/${m[2]}/${encodeURIComponent(m[3])}` : null;
}

/** Findings as a table; on the alignment page with a column for the manifest line, filled in afterwards. */
function findingTable(findings, { manifest = false, caption } = {}) {
  const headers = ['Kind', 'Entity or asset', 'Field', 'Declared', 'Actual', 'Found'].concat(manifest ? ['Manifest'] : []);
  return h('div', { class: 'table-scroll' }, h('table', { class: 'responsive findings' },
    caption ? h('caption', { class: 'muted' }, caption) : null,
    h('thead', {}, h('tr', {}, headers.map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, findings.map(f => h('tr', { 'data-kind': f.kind, 'data-entity': f.entity || null, 'data-asset': f.asset || null },
      h('td', { class: 'nowrap' }, findingPill(f.kind)),
      h('td', {}, f.entity ? [refLink(f.entity), f.asset ? h('div', { class: 'muted small' }, 'as ', h('code', {}, f.asset)) : null]
        : h('code', {}, f.asset || ''), h('div', { class: 'muted small source' }, 'in ', f.source)),
      h('td', { 'data-label': 'Field' }, f.field ? h('code', {}, f.field) : h('span', { class: 'muted' }, '—')),
      h('td', { class: 'declared', 'data-label': 'Declared' }, f.kind === 'unmanaged' ? h('span', { class: 'muted' }, 'not in the manifests')
        : f.kind === 'missing' ? h('span', { class: 'muted' }, 'declared') : alignValue(f.declared, 'not set')),
      h('td', { class: 'actual', 'data-label': 'Actual' }, f.kind === 'missing' ? h('span', { class: 'error' }, 'not on the platform')
        : f.kind === 'unmanaged' ? h('span', { class: 'muted' }, 'exists') : alignValue(f.actual, 'not set')),
      h('td', { class: 'nowrap', title: timeText(f.foundAt) }, `${ageText(f.ageSeconds)} ago`, f.stale ? [' ', stalePill()] : null),
      manifest ? h('td', { class: 'small' }, f.entity ? h('span', { 'data-manifest': f.entity }, link(refUrl(f.entity), '…')) : '') : null)))));
}

/** Replaces each finding's manifest cell with its entity's file:line, linked to the entity page. */
async function fillManifestLines(findings) {
  const refs = [...new Set(findings.map(f => f.entity).filter(Boolean))];
  await Promise.all(refs.map(async ref => {
    const path = entityApi(ref);
    let where;
    try {
      where = path ? (await api(path)).source : null;
    } catch (_) { where = null; } // an entity gone since the scan: the link to its page stays
    if (!where) return;
    document.querySelectorAll(`[data-manifest="${CSS.escape(ref)}"]`).forEach(cell =>
      cell.replaceChildren(link(refUrl(ref), h('code', {}, where), { title: `${shortRef(ref)} is defined at ${where}` })));
  }));
}

function sourceTable(sources) {
  if (!sources.length) return h('p', { class: 'muted', id: 'alignment-sources' }, 'No scan yet: the server scans at start and then every platform.scanEvery.');
  return h('div', { class: 'table-scroll' }, h('table', { class: 'responsive', id: 'alignment-sources' },
    h('thead', {}, h('tr', {}, ['Source', 'Last scan', 'Last good scan', 'Assets', 'State'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, sources.map(s => h('tr', { 'data-source': s.source },
      h('th', { scope: 'row' }, h('code', {}, s.source)),
      h('td', { class: 'nowrap' }, timeText(s.lastScanAt)),
      h('td', { class: 'nowrap' }, timeText(s.lastOkAt)),
      h('td', {}, String(s.assets)),
      h('td', {}, s.stale ? [stalePill(), s.error ? h('div', { class: 'error small' }, s.error) : null] : pill('ok', 'status-ok')))))));
}

/** Findings of every source, grouped by owner and filtered by kind, source and owner in the URL. */
async function alignmentPage(params) {
  const kind = FINDING_KINDS.includes(params.get('kind')) ? params.get('kind') : '';
  const source = (params.get('source') || '').trim();
  const owner = (params.get('owner') || '').trim();
  const query = new URLSearchParams();
  if (kind) query.set('kind', kind);
  if (owner) query.set('owner', groupRef(owner));
  let data;
  try {
    data = await api('/api/alignment' + (query.toString() ? '?' + query : ''));
  } catch (e) {
    if (e.status !== 404) throw e;
    show('Platform alignment', h('p', { class: 'muted', id: 'alignment-off' },
      'No platform sources are configured: list them under platform.sources in steward.yaml to compare the manifests with what runs.'));
    return;
  }
  const findings = data.findings.filter(f => !source || f.source === source);
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter findings' },
    h('label', { for: 'filter-kind' }, 'Kind', h('select', { id: 'filter-kind', name: 'kind' },
      [''].concat(FINDING_KINDS).map(k => h('option', { value: k, selected: k === kind }, k || 'any')))),
    h('label', { for: 'filter-source' }, 'Source', h('select', { id: 'filter-source', name: 'source' },
      h('option', { value: '' }, 'any'),
      [...new Set(data.sources.map(s => s.source).concat(source ? [source] : []))].map(s => h('option', { value: s, selected: s === source }, s)))),
    h('label', { for: 'filter-owner' }, 'Owner', h('input', { id: 'filter-owner', name: 'owner', value: owner, size: 22, placeholder: 'group:default/team' })),
    h('button', { class: 'primary', type: 'submit' }, 'Filter'),
    h('button', { type: 'button', onclick: () => go('/alignment') }, 'Clear'));
  form.addEventListener('submit', e => {
    e.preventDefault();
    const next = new URLSearchParams();
    new FormData(form).forEach((v, k) => { if (String(v).trim()) next.set(k, String(v).trim()); });
    go('/alignment' + (next.toString() ? '?' + next : ''));
  });
  const kindUrl = k => {
    const p = new URLSearchParams(params);
    if (k) p.set('kind', k); else p.delete('kind');
    return '/alignment' + (p.toString() ? '?' + p : '');
  };
  const counts = h('ul', { class: 'level-counts', id: 'alignment-counts' }, FINDING_KINDS.map(k => h('li', { 'data-kind': k },
    link(kindUrl(k), k, k === kind ? { 'aria-current': 'true' } : {}), ' ', h('strong', {}, String(findings.filter(f => f.kind === k).length)))));
  const groups = new Map();
  findings.forEach(f => { const key = f.owner || ''; if (!groups.has(key)) groups.set(key, []); groups.get(key).push(f); });
  const order = [...groups.keys()].sort((a, b) => (a === '') - (b === '') || a.localeCompare(b));
  const byKind = (a, b) => FINDING_KINDS.indexOf(a.kind) - FINDING_KINDS.indexOf(b.kind)
    || String(a.entity || a.asset).localeCompare(String(b.entity || b.asset)) || String(a.field || '').localeCompare(String(b.field || ''));
  const staleSources = data.sources.filter(s => s.stale);
  show('Platform alignment',
    h('p', { class: 'muted' }, 'What the manifests declare against what the platform runs: assets nobody declared, declared assets that are not there, and declared fields whose live value differs.'),
    h('h2', {}, 'Sources'),
    staleSources.length ? h('p', { class: 'warn', role: 'status' }, `${staleSources.length} source(s) could not be read at the last scan; their findings are from the last good scan, marked stale.`) : null,
    sourceTable(data.sources),
    h('h2', { id: 'findings-heading' }, `Findings (${findings.length})`),
    form, counts,
    findings.length
      ? h('div', { id: 'findings' }, order.map(key => h('section', { class: 'card', 'data-owner': key || 'none', 'aria-label': key ? `Owned by ${shortRef(key)}` : 'Unmanaged: no owner' },
        h('h3', {}, key ? ['Owned by ', refLink(key)] : 'unmanaged: no owner', ' ', h('span', { class: 'muted' }, `(${groups.get(key).length})`)),
        findingTable(groups.get(key).slice().sort(byKind), { manifest: true }))))
      : h('p', { class: data.total || kind || source || owner ? 'muted' : 'ok', id: 'findings' },
        kind || source || owner ? 'No finding matches these filters.' : data.sources.length ? 'The manifests and the platform agree.' : 'Nothing scanned yet.'));
  fillManifestLines(findings);
}

/** The entity page's alignment: its findings, or that it is in line with the sources that would see it. */
async function entityAlignment(ref, type, facts) {
  const section = document.getElementById('alignment-section');
  const box = document.getElementById('alignment');
  let data;
  try {
    data = await api('/api/alignment?entity=' + encodeURIComponent(ref));
  } catch (e) {
    if (e.status === 404) return; // no platform sources configured
    section.hidden = false;
    box.replaceChildren(errorBox(e));
    return;
  }
  const kind = ref.split(':')[0];
  const sources = data.sources.filter(s => sourceCovers(s.source, kind, type) || data.findings.some(f => f.source === s.source));
  if (!data.findings.length && !sources.length) return; // nothing the configured sources could compare it with
  const stale = sources.filter(s => s.stale);
  const summary = h('dd', {}, h('a', { href: '#alignment-heading' },
    data.findings.length ? `${data.findings.length} finding(s)` : 'in line with the platform'), stale.length ? [' ', stalePill()] : null);
  facts.append(h('dt', {}, 'Platform'), summary);
  const checked = h('p', { class: 'muted small' }, 'Compared with ', sources.map((s, i) => [i ? ', ' : '', h('code', {}, s.source),
    ` (last good scan ${timeText(s.lastOkAt)})`, s.stale ? [' ', stalePill(), s.error ? h('span', { class: 'error' }, ' ' + s.error) : null] : null]), '.');
  box.replaceChildren(
    data.findings.length
      ? findingTable(data.findings, { caption: `${data.findings.length} finding(s) from the last scans` })
      : h('p', { class: 'ok', id: 'alignment-ok' }, 'In line with the platform: every declared field matches what runs.'),
    sources.length ? checked : null,
    h('p', {}, link('/alignment', 'Every finding on the platform')));
  section.hidden = false;
}

// ---------- start ----------

showStatus();
setInterval(showStatus, 30000);
route();

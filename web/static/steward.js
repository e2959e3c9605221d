// Steward's minimal catalog page: lists entities from /api/entities and shows the catalog status.
'use strict';
const PAGE = 50;
let offset = 0;

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(c ?? ''));
  return node;
}

async function getJson(url) {
  const res = await fetch(url, { headers: { Accept: 'application/json' } });
  const body = await res.json();
  if (!res.ok) throw new Error(body.message || res.statusText);
  return body;
}

async function showStatus() {
  const box = document.getElementById('status');
  box.replaceChildren();
  try {
    const s = await getJson('/api/status');
    if (s.errors.length) {
      const list = el('ul');
      s.errors.slice(0, 20).forEach(e => list.append(el('li', {}, `${e.path}:${e.line}: ${e.message}`)));
      box.append(el('div', { class: 'error', role: 'alert' },
        el('strong', {}, `Commit ${(s.rejectedCommit || '').slice(0, 12)} does not validate; serving ${(s.commit || 'nothing').slice(0, 12)}.`),
        list));
    } else {
      box.append(el('p', { class: 'ok' }, `Serving ${s.entities} entities at commit ${(s.commit || '').slice(0, 12)}.`));
    }
  } catch (e) {
    box.append(el('div', { class: 'error', role: 'alert' }, `Status unavailable: ${e.message}`));
  }
}

async function showEntities() {
  const params = new URLSearchParams({ limit: PAGE, offset });
  for (const id of ['q', 'kind', 'owner']) {
    const v = document.getElementById(id).value.trim();
    if (v) params.set(id, v);
  }
  const tbody = document.querySelector('#entities tbody');
  try {
    const page = await getJson('/api/entities?' + params);
    tbody.replaceChildren(...page.items.map(e => el('tr', {},
      el('td', {}, el('a', { href: `#${e.ref}`, 'data-ref': e.ref }, e.ref)),
      el('td', {}, e.type || ''), el('td', {}, e.owner || ''), el('td', {}, e.system || ''))));
    document.getElementById('count').textContent =
      `${page.total} entities; showing ${page.total ? offset + 1 : 0}–${offset + page.items.length}`;
    document.getElementById('prev').disabled = offset === 0;
    document.getElementById('next').disabled = offset + PAGE >= page.total;
  } catch (e) {
    tbody.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, e.message)));
  }
}

async function showDetail(ref) {
  const box = document.getElementById('detail');
  if (!ref) { box.replaceChildren(); return; }
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!m) return;
  try {
    const d = await getJson(`/api/entities/${m[1]}/${m[2]}/${encodeURIComponent(m[3])}`);
    const rows = d.responsibilities.map(r => el('tr', {},
      el('td', {}, r.responsibility), el('td', {}, r.status),
      el('td', {}, (r.approvers.concat(r.responsible)).map(p => p.ref + (p.min > 1 ? ` (min ${p.min})` : '')).join(', ')),
      el('td', {}, r.runbook || '')));
    box.replaceChildren(el('h2', {}, d.ref), el('p', {}, `Defined at ${d.source}`),
      el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Responsibility'), el('th', {}, 'Status'),
        el('th', {}, 'Approvers / responsible'), el('th', {}, 'Runbook'))), el('tbody', {}, ...rows)));
  } catch (e) {
    box.replaceChildren(el('p', { role: 'alert' }, e.message));
  }
}

document.getElementById('filters').addEventListener('input', () => { offset = 0; showEntities(); });
document.getElementById('filters').addEventListener('submit', ev => ev.preventDefault());
document.getElementById('prev').addEventListener('click', () => { offset = Math.max(0, offset - PAGE); showEntities(); });
document.getElementById('next').addEventListener('click', () => { offset += PAGE; showEntities(); });
window.addEventListener('hashchange', () => showDetail(decodeURIComponent(location.hash.slice(1))));
showStatus();
showEntities();
showDetail(decodeURIComponent(location.hash.slice(1)));

// SPDX-License-Identifier: GPL-3.0-or-later
// app.js: the classroom page's behaviour, on the JSON API of `entente
// classroom` (engine/docs/classroom.md): a student joins, answers each
// question with the checks the server makes, and sees what came of it; the
// teacher (at /teacher#TOKEN) sees the class, opens rounds, and projects
// the plots (inline SVG) and the debrief. No library, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const el = (tag, attrs, ...kids) => {
  const e = document.createElement(tag);
  for (const k in attrs || {}) e.setAttribute(k, attrs[k]);
  for (const c of kids) e.append(c);
  return e;
};

async function api(method, path, token, body) {
  const opt = { method, headers: {} };
  if (token) opt.headers['Authorization'] = 'Bearer ' + token;
  if (body !== undefined) { opt.headers['Content-Type'] = 'application/json'; opt.body = JSON.stringify(body); }
  const r = await fetch(path, opt);
  let j = {};
  try { j = await r.json(); } catch (e) { j = { error: 'no answer from the server' }; }
  return { ok: r.ok, status: r.status, body: j };
}

// ---- plots: a line per series, inline SVG --------------------------------------
const COLORS = ['#1d3557', '#e63946', '#2a9d8f', '#f4a261', '#6a4c93', '#8ab17d', '#264653', '#e76f51'];
function plot(title, series, opts) {
  opts = opts || {};
  const W = 420, H = 220, L = 44, R = 10, T = 10, B = 28;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('role', 'img');
  const t = document.createElementNS(ns, 'title'); t.textContent = title; svg.append(t);
  let n = 0, lo = opts.min, hi = opts.max;
  for (const s of series) for (const v of s.values) if (v !== null && v !== undefined) {
    n = Math.max(n, s.values.length);
    if (lo === undefined || v < lo) lo = v;
    if (hi === undefined || v > hi) hi = v;
  }
  if (lo === undefined) { lo = 0; hi = 1; }
  if (hi === lo) { hi = lo + 1; }
  n = Math.max(n, 2);
  const x = (i) => L + (W - L - R) * i / (n - 1), y = (v) => H - B - (H - T - B) * (v - lo) / (hi - lo);
  const line = (x1, y1, x2, y2, c) => { const l = document.createElementNS(ns, 'line');
    l.setAttribute('x1', x1); l.setAttribute('y1', y1); l.setAttribute('x2', x2); l.setAttribute('y2', y2);
    l.setAttribute('stroke', c); svg.append(l); };
  const text = (x0, y0, s, anchor) => { const e = document.createElementNS(ns, 'text');
    e.setAttribute('x', x0); e.setAttribute('y', y0); e.setAttribute('text-anchor', anchor || 'middle');
    e.textContent = s; svg.append(e); };
  line(L, H - B, W - R, H - B, '#888'); line(L, T, L, H - B, '#888');
  text(L - 4, y(hi) + 4, (+hi.toFixed(3)).toString(), 'end'); text(L - 4, y(lo) + 4, (+lo.toFixed(3)).toString(), 'end');
  text(L, H - 8, '1'); text(W - R, H - 8, String(n)); text((L + W) / 2, H - 8, 'round');
  series.forEach((s, k) => {
    const pts = [];
    s.values.forEach((v, i) => { if (v !== null && v !== undefined) pts.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`); });
    if (!pts.length) return;
    const p = document.createElementNS(ns, pts.length > 1 ? 'polyline' : 'circle');
    if (pts.length > 1) { p.setAttribute('points', pts.join(' ')); p.setAttribute('fill', 'none'); p.setAttribute('stroke-width', 2); }
    else { const [cx, cy] = pts[0].split(','); p.setAttribute('cx', cx); p.setAttribute('cy', cy); p.setAttribute('r', 3); }
    p.setAttribute('stroke', s.color || COLORS[k % COLORS.length]);
    if (pts.length === 1) p.setAttribute('fill', s.color || COLORS[k % COLORS.length]);
    const tt = document.createElementNS(ns, 'title'); tt.textContent = s.name; p.append(tt);
    svg.append(p);
  });
  const fig = el('figure', {}, el('figcaption', {}, title));
  fig.append(svg);
  if (series.length > 1 && series.length <= 12)
    fig.append(el('div', { class: 'keys' }, ...series.map((s, k) => {
      const sw = document.createElementNS(ns, 'svg'), r = document.createElementNS(ns, 'rect');
      sw.setAttribute('viewBox', '0 0 10 10'); sw.setAttribute('class', 'swatch');
      r.setAttribute('width', 10); r.setAttribute('height', 10); r.setAttribute('fill', s.color || COLORS[k % COLORS.length]);
      sw.append(r);
      return el('span', { class: 'key' }, sw, ' ' + s.name);
    })));
  return fig;
}

// ---- the student ---------------------------------------------------------------
// a student's token comes from joining, kept in the browser; or from a link
// #s=TOKEN (to take one's seat on another device)
let token = localStorage.getItem('entente-token');
if (location.hash.startsWith('#s=')) { token = location.hash.slice(3); localStorage.setItem('entente-token', token); }
let lastQuestion = null;

function fields(q) {
  const s = q.situation, f = el('form', { class: 'card' });
  const num = (id, label, value, step) => el('label', {}, label + ' ',
    el('input', { id, type: 'number', step: step || 'any', value: value === null || value === undefined ? '' : value, required: '' }));
  switch (q.kind) {
  case 'burden_sharing':
    f.append(num('f_share', 'Your defence share, % of GDP (0 to 100)', s.share !== null ? +s.share.toFixed(2) : 2));
    break;
  case 'demand_answer': {
    const sel = el('select', { id: 'f_answer' }, el('option', { value: 'comply' }, 'comply: give all of it'),
      el('option', { value: 'defy' }, 'defy: give nothing'), el('option', { value: 'offer' }, 'offer part of it'));
    f.append(el('label', {}, 'Your answer ', sel), num('f_offer', `Offer in $ bn (more than 0, less than ${s.demand.toFixed(2)})`, ''));
    f.querySelector('#f_offer').required = false;
    break;
  }
  case 'demand':
    f.append(num('f_demand', `Your demand of ${s.ally_name} in $ bn (0 = none)`, +s.suggested_demand.toFixed(2)));
    for (const [k, w] of [['drawdown', 'threaten a drawdown'], ['tariffs', 'threaten tariffs'], ['tech', 'threaten tech controls']])
      f.append(el('label', {}, el('input', Object.assign({ type: 'checkbox', id: 'f_t_' + k }, s.suggested_threat.includes(k) ? { checked: '' } : {})), ' ' + w));
    break;
  case 'enforce':
    f.append(el('label', {}, 'Carry out the threat? ', el('select', { id: 'f_execute' },
      el('option', { value: 'true' }, 'yes, carry it out'), el('option', { value: 'false' }, 'no, back down'))));
    break;
  case 'hedging':
    f.append(num('f_w0', 'Bandwagon % (lean on the patron)', +s.portfolio[0].toFixed(2)),
      num('f_w1', 'Balance % (build your own capability)', +s.portfolio[1].toFixed(2)),
      num('f_w2', 'Bind % (partners and frameworks)', +s.portfolio[2].toFixed(2)), el('p', {}, 'The three must add up to 100.'));
    break;
  case 'commitment':
    f.append(num('f_k', 'Your commitment k, from 0 (none) to 1 (full)', +s.commitment.toFixed(2)));
    break;
  case 'matrix':
    f.append(el('label', {}, 'Your move ', el('select', { id: 'f_move' },
      el('option', { value: 'cooperate' }, 'cooperate'), el('option', { value: 'defect' }, 'defect'))));
    break;
  }
  f.append(el('button', { type: 'submit' }, 'Send'));
  f.addEventListener('submit', (ev) => { ev.preventDefault(); send(q); });
  return f;
}

function decisions(q) {
  const v = (id) => { const x = $(id); return x && x.value !== '' ? Number(x.value) : null; };
  switch (q.kind) {
  case 'burden_sharing': return { share: v('f_share') };
  case 'demand_answer': {
    const a = $('f_answer').value;
    return a === 'offer' ? { answer: a, offer: v('f_offer') } : { answer: a };
  }
  case 'demand': return { demand: v('f_demand'), threat: ['drawdown', 'tariffs', 'tech'].filter((k) => $('f_t_' + k).checked) };
  case 'enforce': return { execute: $('f_execute').value === 'true' };
  case 'hedging': return { portfolio: [v('f_w0'), v('f_w1'), v('f_w2')] };
  case 'commitment': return { commitment: v('f_k') };
  case 'matrix': return { move: $('f_move').value };
  }
  return {};
}

async function send(q) {
  const r = await api('POST', '/api/move', token, { question: q.id, decisions: decisions(q) });
  $('moveerr').textContent = r.ok ? '' : r.body.error;
  if (r.ok) showStudent(r.body.state);
}

const TITLES = { burden_sharing: 'Your defence budget', demand_answer: "The patron's demand", demand: 'Your demand',
  enforce: 'Your threat was not met', hedging: 'Your hedging portfolio', commitment: 'Your commitment to the patron', matrix: 'Your move' };

function showStudent(st) {
  $('join').hidden = true; $('student').hidden = false;
  $('scenario').textContent = `${st.scenario} · round ${st.round} of ${st.rounds}`;
  $('who').textContent = `${st.name}, playing ${st.seat_name} (${st.seat})`;
  const wait = st.waiting_for === 'teacher' ? 'Waiting for the teacher to open the next round.'
    : st.waiting_for ? `Waiting for ${st.waiting_for} to decide.` : 'Waiting.';
  const words = { waiting_start: 'You have a seat. Waiting for the teacher to start.', question: 'Your turn.',
    waiting: wait, finished: 'The game is over.' };
  let s = words[st.status] || st.status;
  if (st.seconds_left !== null && st.seconds_left !== undefined && st.status === 'question')
    s += ` ${Math.ceil(st.seconds_left)} s left; after that the scenario's strategy decides for you.`;
  if (st.final) s += ` Your discounted payoff: ${st.final.discounted_payoff.toFixed(4)}.`;
  $('status').textContent = s;
  const q = st.question;
  if (!q) { $('question').replaceChildren(); lastQuestion = null; }
  else if (lastQuestion !== q.id) {
    lastQuestion = q.id; $('moveerr').textContent = '';
    const box = el('div', { class: 'situation' }, el('h3', {}, `Round ${q.round}: ${TITLES[q.kind] || q.kind}`));
    for (const line of q.situation.text) box.append(el('p', {}, line));
    $('question').replaceChildren(box, fields(q));
  }
  const fb = st.feedback || [];
  $('feedback').replaceChildren(...(fb.length ? [el('div', { class: 'card' }, el('h3', {}, `Round ${st.last_round}: what came of it`),
    ...fb.map((l) => el('p', {}, l)))] : []));
  const h = st.history || {};
  const figs = [];
  if (h.share && h.share.some((v) => v !== null)) figs.push(plot('Your defence share, % of GDP', [{ name: st.seat, values: h.share }]));
  if (h.belief && h.belief.some((v) => v !== null)) figs.push(plot('Your belief: the patron is transactional', [{ name: st.seat, values: h.belief }], { min: 0, max: 1 }));
  if (h.portfolio && h.portfolio.some((v) => v !== null))
    figs.push(plot('Your portfolio, %', ['bandwagon', 'balance', 'bind'].map((n, k) => ({ name: n, values: h.portfolio.map((w) => w ? w[k] : null) })), { min: 0, max: 100 }));
  $('myplots').replaceChildren(...figs);
}

async function studentLoop() {
  if (!token) return showJoin();
  const r = await api('GET', '/api/state', token);
  if (r.status === 401) { localStorage.removeItem('entente-token'); token = null; return showJoin(); }
  if (r.ok) showStudent(r.body);
  setTimeout(studentLoop, r.ok && r.body.status === 'question' ? 3000 : 1500);
}

async function showJoin() {
  $('join').hidden = false; $('student').hidden = true;
  const r = await api('GET', '/api/info');
  if (!r.ok) return;
  $('scenario').textContent = `${r.body.scenario} (${r.body.mode} mode, ${r.body.rounds} rounds)`;
  const sel = $('seat');
  sel.replaceChildren(...r.body.seats.map((s) => el('option', Object.assign({ value: s.code }, s.taken ? { disabled: '' } : {}),
    `${s.name} (${s.code})${s.taken ? ', taken' : ''}`)));
  if (r.body.started) $('joinerr').textContent = 'The class has started: joining is closed.';
}

$('joinform').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const r = await api('POST', '/api/join', null, { code: $('code').value, name: $('name').value, seat: $('seat').value });
  if (!r.ok) { $('joinerr').textContent = r.body.error; return; }
  token = r.body.token; localStorage.setItem('entente-token', token);
  $('joinerr').textContent = '';
  studentLoop();
});

// ---- the teacher -----------------------------------------------------------------
const teacherToken = location.pathname === '/teacher' ? location.hash.slice(1) : null;
// the class as last read, and whether the teacher has typed a new time limit
// (the box shows the class's own until then, and only a typed one is sent)
let lastClass = null, tlimitTyped = false;

function showClass(c) {
  lastClass = c;
  if (!tlimitTyped) $('tlimit').value = c.time_limit === null || c.time_limit === undefined ? 0 : c.time_limit;
  $('scenario').textContent = `${c.scenario} · ${c.mode} mode`;
  const rl = c.seconds_left !== null && c.seconds_left !== undefined ? ` · ${Math.ceil(c.seconds_left)} s left` : '';
  $('tround').textContent = c.finished ? 'The game is over' : c.started ? `Round ${c.round} of ${c.rounds}${rl}` : `Not started (${c.rounds} rounds)`;
  $('tjoin').textContent = c.started ? `${c.students.length} student${c.students.length === 1 ? '' : 's'}; ${c.all_moved ? 'everyone has moved' : 'waiting for moves'}.`
    : `Join code: ${c.join_code} · ${c.students.length} joined`;
  $('advance').textContent = c.started ? 'Next round' : 'Start the game';
  $('advance').hidden = c.finished;
  const rows = c.students.map((s) => el('tr', {}, el('td', {}, s.name), el('td', {}, s.seat),
    el('td', { class: s.status }, s.status === 'question' ? `deciding (${s.asked})` : s.status.replace('_', ' ')),
    el('td', {}, String(s.moves)), el('td', {}, String(s.late))));
  $('class').tBodies[0].replaceChildren(...rows);
  const ser = (key, f) => c.students.filter((s) => s.series).map((s) => ({ name: `${s.name} (${s.seat})`, values: s.series[key].map(f || ((v) => v)) }));
  const figs = [];
  const sh = ser('share');
  if (sh.some((s) => s.values.some((v) => v !== null))) figs.push(plot('Defence shares, % of GDP', sh));
  const be = ser('belief');
  if (be.some((s) => s.values.some((v) => v !== null))) figs.push(plot('Beliefs: the patron is transactional', be, { min: 0, max: 1 }));
  for (const [k, n] of [[2, 'bind'], [0, 'bandwagon']]) {
    const pf = ser('portfolio', (w) => w ? w[k] : null);
    if (pf.some((s) => s.values.some((v) => v !== null))) figs.push(plot(`Portfolios: ${n} %`, pf, { min: 0, max: 100 }));
  }
  $('plots').replaceChildren(...figs);
  if (c.debrief) {
    const f = (x, d) => x === null || x === undefined ? '-' : x.toFixed(d);
    const rows = c.debrief.rows.map((r) => el('tr', {}, el('td', {}, r.path === 'student' ? r.student : 'built-in'),
      el('td', {}, r.seat), el('td', {}, r.strategy), el('td', {}, f(r.discounted_payoff, 4)), el('td', {}, f(r.final_share, 2)),
      el('td', {}, f(r.final_belief, 2)), el('td', {}, r.portfolio ? r.portfolio.map((w) => w.toFixed(0)).join('/') : '-')));
    const t = el('table', {}, el('thead', {}, el('tr', {}, ...['Who', 'Seat', 'Strategy', 'Discounted payoff', 'Final share %', 'Final belief', 'Portfolio'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...rows));
    // the paths: every student and the scenario's own strategy on the same seed
    const shown = c.debrief.rows.filter((r) => r.series && (r.path === 'student' || r.strategy === 'scenario'));
    const name = (r) => r.path === 'student' ? `${r.student} (${r.seat})` : `scenario's strategy (${r.seat})`;
    const dfigs = [];
    for (const [k, n] of [[2, 'bind'], [0, 'bandwagon']]) {
      const ss = shown.map((r) => ({ name: name(r), values: r.series.portfolio.map((w) => w ? w[k] : null),
        color: r.path === 'student' ? undefined : '#000' }));
      if (ss.some((s) => s.values.some((v) => v !== null))) dfigs.push(plot(`Portfolio paths: ${n} %`, ss, { min: 0, max: 100 }));
    }
    const sh = shown.map((r) => ({ name: name(r), values: r.series.share, color: r.path === 'student' ? undefined : '#000' }));
    if (sh.some((s) => s.values.some((v) => v !== null))) dfigs.push(plot('Defence share paths, % of GDP', sh));
    $('debrief').replaceChildren(el('h2', {}, `Debrief: every student beside the built-in strategies (seed ${c.debrief.seed})`), t,
      el('div', { class: 'plots' }, ...dfigs), el('p', {}, `In black: the scenario's own strategy. Run folders and class.csv: ${c.out}/`));
  }
}

async function teacherRead() {
  const r = await api('GET', '/api/teacher/class', teacherToken);
  if (r.ok) showClass(r.body);
  return r;
}

async function teacherLoop() {
  const r = await teacherRead();
  $('terr').textContent = r.ok ? '' : r.body.error;
  setTimeout(teacherLoop, 1500);
}

// opens the round after the one last read, once: a second click while the
// first is under way does nothing, and one after it is refused by the server
// (409) rather than closing the round just opened
async function advance() {
  const b = $('advance');
  if (b.disabled || !lastClass) return;
  b.disabled = true;
  try {
    const body = { round: lastClass.started ? lastClass.round + 1 : 1 };
    // an emptied box, or one holding no number, leaves the limit as it is
    const tl = $('tlimit').value === '' ? NaN : Number($('tlimit').value);
    if (tlimitTyped && tl >= 0) body.time_limit = tl;
    const r = await api('POST', '/api/teacher/advance', teacherToken, body);
    if (r.ok) tlimitTyped = false;
    await teacherRead();
    $('terr').textContent = r.ok ? '' : r.body.error;
  } finally {
    b.disabled = false;
  }
}

if (teacherToken !== null) {
  $('teacher').hidden = false;
  $('tlimit').addEventListener('input', () => { tlimitTyped = true; });
  $('advance').addEventListener('click', advance);
  $('stop').addEventListener('click', async () => {
    if (!confirm('End the class? Unanswered decisions go to the scenario\'s strategies.')) return;
    const r = await api('POST', '/api/teacher/stop', teacherToken, {});
    $('terr').textContent = r.ok ? 'The class is ending; the results are written.' : r.body.error;
  });
  teacherLoop();
} else {
  studentLoop();
}

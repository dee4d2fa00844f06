// The vnla-graph explorer: search, filters, the time slider, path mode and the side panel over
// Graphviz's picture of the graph. Every rule that the command line already has is either
// embedded by vnla-graph (folded names, the days each relation holds, path prices) or ported
// here as it is written in Rust (the path search, with its tie-breaking): see the README.
(function () {
  'use strict';

  const data = JSON.parse(document.getElementById('graph-data').textContent);
  const picture = document.getElementById('picture');
  const svg = picture.querySelector('svg');
  const panel = document.getElementById('panel');
  const $ = (id) => document.getElementById(id);

  // ---- Indexes over the data --------------------------------------------------------------
  const nodes = data.nodes;
  const edges = data.edges;
  const byId = new Map(nodes.map((node, i) => [node.id, i]));
  const ends = edges.map((edge) => [byId.get(edge.from), byId.get(edge.to)]);
  const sources = new Map(data.sources.map((source) => [source.id, source]));
  const kinds = new Map(data.kinds.map((kind) => [kind.id, kind]));
  const types = new Map(data.types.map((type) => [type.id, type]));
  const incident = nodes.map(() => []);
  // As petgraph keeps them: each node's outgoing and incoming relations, newest first.
  const outgoing = nodes.map(() => []);
  const incoming = nodes.map(() => []);
  for (let j = edges.length - 1; j >= 0; j--) {
    const [from, to] = ends[j];
    outgoing[from].push(j);
    incoming[to].push(j);
  }
  edges.forEach((_, j) => {
    const [from, to] = ends[j];
    incident[from].push(j);
    if (to !== from) incident[to].push(j);
  });

  // ---- The picture: which SVG element is which entity and relation ------------------------
  const nodeElement = nodes.map(() => null);
  const edgeElements = edges.map(() => []);
  const elementEdges = new Map();
  for (const g of svg.querySelectorAll('g.node')) {
    const title = g.querySelector('title');
    const i = title && byId.get(title.textContent);
    if (i !== undefined && i !== null) {
      nodeElement[i] = g;
      g.dataset.entity = nodes[i].id;
    }
  }
  // Graphviz titles an edge `from->to`. Drawn one per relation, the k-th edge of a pair is
  // its k-th relation; drawn merged (fewer edges than relations), each stands for them all.
  const drawnEdges = new Map();
  for (const g of svg.querySelectorAll('g.edge')) {
    const title = g.querySelector('title');
    if (!title) continue;
    const key = title.textContent.replace('->', '\u0000').replace('--', '\u0000');
    if (!drawnEdges.has(key)) drawnEdges.set(key, []);
    drawnEdges.get(key).push(g);
  }
  const relationsOf = new Map();
  edges.forEach((edge, j) => {
    const key = edge.from + '\u0000' + edge.to;
    const reverse = edge.to + '\u0000' + edge.from;
    const drawn = drawnEdges.has(key) ? key : drawnEdges.has(reverse) ? reverse : null;
    if (drawn === null) return;
    if (!relationsOf.has(drawn)) relationsOf.set(drawn, []);
    relationsOf.get(drawn).push(j);
  });
  for (const [key, elements] of drawnEdges) {
    const relations = relationsOf.get(key) || [];
    elements.forEach((g, k) => {
      const mine = elements.length === relations.length ? [relations[k]] : relations;
      elementEdges.set(g, mine);
      g.dataset.relations = mine.join(' ');
      for (const j of mine) edgeElements[j].push(g);
    });
  }
  // Links in the picture lead to the sources' web pages; the page stays offline, so the
  // panel shows the source instead. The hover text stays.
  for (const a of svg.querySelectorAll('a')) {
    a.removeAttribute('href');
    a.removeAttributeNS('http://www.w3.org/1999/xlink', 'href');
  }

  // ---- Names, as the command line resolves them -------------------------------------------
  // The entities' spellings come folded by vnla-graph; only what the reader types is folded
  // here, the same way (diacritics, case, punctuation, `_` as a space).
  function fold(text) {
    const plain = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd').replace(/Đ/g, 'D');
    let folded = '';
    for (const c of plain) {
      if (/[A-Za-z0-9]/.test(c)) folded += c.toLowerCase();
      else if (' _-.,/()'.includes(c) && folded && !folded.endsWith(' ')) folded += ' ';
    }
    return folded.trimEnd();
  }

  function wordPrefix(query, text) {
    const words = text.split(' ');
    const last = query[query.length - 1];
    for (let i = 0; i + query.length <= words.length; i++) {
      let whole = true;
      for (let k = 0; k < query.length - 1; k++) whole = whole && words[i + k] === query[k];
      if (whole && words[i + query.length - 1].startsWith(last)) return true;
    }
    return false;
  }

  // The entities a name means: the exact id; else spellings equal folded; else equal with
  // spaces ignored, or an acronym; else a word prefix. The first step with hits answers.
  function resolve(query) {
    query = query.trim();
    if (!query) return [];
    if (byId.has(query)) return [byId.get(query)];
    const folded = fold(query);
    if (!folded) return [];
    const compact = folded.replace(/ /g, '');
    const words = folded.split(' ');
    const facts = data.node_facts;
    const steps = [
      (i) => facts[i].spellings.some((s) => s === folded),
      (i) => facts[i].spellings.some((s) => s.replace(/ /g, '') === compact) ||
        facts[i].acronyms.includes(compact),
      (i) => facts[i].spellings.some((s) => wordPrefix(words, s)),
    ];
    for (const matches of steps) {
      const hits = nodes.map((_, i) => i).filter(matches);
      if (hits.length) return hits;
    }
    return [];
  }

  // What the results list offers: the resolved entities, else any whose spellings contain
  // the words.
  function searchHits(query) {
    const hits = resolve(query);
    if (hits.length || !fold(query)) return hits;
    const folded = fold(query);
    return nodes.map((_, i) => i)
      .filter((i) => data.node_facts[i].spellings.some((s) => s.includes(folded)))
      .slice(0, 50);
  }

  // ---- What the filters keep -------------------------------------------------------------
  const state = {
    entity: null, edge: null, hiddenKinds: new Set(), hiddenTypes: new Set(),
    hiddenThemes: new Set(), hideClaims: false, at: null, undated: false,
    path: null, pathMode: false,
  };

  // The `--at` rule on the embedded days: in force at some point of the year.
  function inForce(j) {
    if (state.at === null) return true;
    const days = data.edge_facts[j].days;
    if (!days) return state.undated;
    return days[0] <= state.at * 10000 + 1231 && (days[1] === null || days[1] >= state.at * 10000 + 101);
  }

  function relationShown(j) {
    const edge = edges[j];
    return !state.hiddenTypes.has(edge.type) &&
      !state.hiddenThemes.has(data.themes[data.edge_facts[j].theme]) &&
      !(state.hideClaims && edge.stance === 'claim') && inForce(j);
  }

  function entityShown(i) {
    return !state.hiddenKinds.has(nodes[i].kind);
  }

  function visible(j) {
    const [from, to] = ends[j];
    return relationShown(j) && entityShown(from) && entityShown(to);
  }

  function filtersActive() {
    return state.hiddenKinds.size || state.hiddenTypes.size || state.hiddenThemes.size ||
      state.hideClaims || state.at !== null;
  }

  function applyFilters() {
    const shown = edges.map((_, j) => visible(j));
    for (const [g, relations] of elementEdges) {
      g.classList.toggle('off', !relations.some((j) => shown[j]));
    }
    const active = filtersActive();
    nodes.forEach((node, i) => {
      const g = nodeElement[i];
      if (!g) return;
      g.classList.toggle('off', !entityShown(i));
      g.classList.toggle('faded', active && incident[i].length > 0 && !incident[i].some((j) => shown[j]));
    });
    const hidden = shown.filter((s) => !s).length;
    const notDrawn = nodes.length - data.drawn;
    const words = [];
    if (notDrawn > 0) {
      words.push(`The picture draws the ${data.drawn} most connected of ${nodes.length} entities ` +
        `(+${notDrawn} more): search finds every one, and its panel lists all its ties.`);
    }
    if (hidden) words.push(`${hidden} of ${edges.length} relations hidden by the filters.`);
    $('status').textContent = words.join(' ');
  }

  // ---- Words ------------------------------------------------------------------------------
  function el(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name === 'class') element.className = value;
      else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value);
    }
    for (const child of children) {
      if (child !== null && child !== undefined) element.append(child);
    }
    return element;
  }

  // The panel's new content; absent parts (`null`) are left out.
  function show(...children) {
    panel.replaceChildren(...children.filter((child) => child !== null && child !== undefined));
  }

  const typeLabel = (type) => (types.get(type) || { label: type }).label;
  const kindLabel = (kind) => (kinds.get(kind) || { label: kind }).label;

  // How long a tie holds, as the command line's timeline writes it.
  function span(edge) {
    if (edge.time === 'event') {
      if (!edge.date) return '';
      return edge.end ? `${edge.date}–${edge.end}` : edge.date;
    }
    if (edge.date && edge.end) return `${edge.date}–${edge.end}`;
    if (edge.date) return `${edge.date}–`;
    if (edge.seen) return `in ${edge.seen}`;
    if (edge.end) return `until ${edge.end}`;
    return '';
  }

  function entityLink(i) {
    return el('a', { class: 'entity', 'data-entity': nodes[i].id, onclick: (event) => {
      event.preventDefault();
      select(i, { center: true });
    } }, nodes[i].name);
  }

  function evidence(edge) {
    const items = [];
    for (const item of edge.evidence) {
      const source = sources.get(item.source);
      const cite = source ? `${source.title} — ${source.publisher}, ${source.date}` : item.source;
      items.push(el('blockquote', { class: 'quote' }, `“${item.quote}”`));
      items.push(el('cite', null, cite));
    }
    return items;
  }

  function facts(edge) {
    const words = [edge.time === 'state' ? 'state' : 'event'];
    const when = span(edge);
    if (when) words.push(when);
    if (edge.role) words.push(edge.role);
    words.push(edge.stance);
    if (edge.place && byId.has(edge.place)) words.push(`at ${nodes[byId.get(edge.place)].name}`);
    if (edge.amount !== undefined) words.push(`${edge.amount} ${edge.currency || ''}`.trim());
    return words.join(' · ');
  }

  // One tie: who —[type]→ whom, its facts, and every quote with its source.
  function tieItem(j, onClick) {
    const edge = edges[j];
    const [from, to] = ends[j];
    const arrow = (types.get(edge.type) || {}).symmetric ? '—' : '→';
    const head = el('div', { class: 'head' }, nodes[from].name, ` —[${typeLabel(edge.type)}]${arrow} `, nodes[to].name);
    if (onClick) head.addEventListener('click', onClick);
    return el('li', { class: 'tie', 'data-edge': String(j), 'data-type': edge.type },
      head,
      el('div', { class: 'facts' }, facts(edge)),
      edge.stance === 'claim' ? el('div', { class: 'claim-note' },
        `A claim${edge.claimed_by ? ' by ' + (byId.has(edge.claimed_by) ? nodes[byId.get(edge.claimed_by)].name : edge.claimed_by) : ''}, not a fact the source states.`) : null,
      edge.note ? el('div', { class: 'facts' }, edge.note) : null,
      ...evidence(edge));
  }

  // A list that shows its first 200 items and a button for the rest: a hub of a large graph
  // has thousands of ties.
  function longList(container, items, make) {
    const step = 200;
    let shown = 0;
    const more = el('button', { class: 'more' });
    const showMore = () => {
      for (const item of items.slice(shown, shown + step)) container.append(make(item));
      shown = Math.min(items.length, shown + step);
      more.textContent = `+${items.length - shown} more`;
      more.hidden = shown >= items.length;
    };
    more.addEventListener('click', showMore);
    showMore();
    return more;
  }

  // ---- Selection and the panel ------------------------------------------------------------
  function clearMarks() {
    picture.classList.remove('focused');
    for (const g of svg.querySelectorAll('.near, .selected, .highlight')) {
      g.classList.remove('near', 'selected', 'highlight');
    }
  }

  function markEdge(j, cls) {
    for (const g of edgeElements[j]) g.classList.add(cls, 'near');
  }

  function highlightTie(j) {
    for (const g of svg.querySelectorAll('g.edge.highlight')) g.classList.remove('highlight');
    for (const li of panel.querySelectorAll('.tie.highlight')) li.classList.remove('highlight');
    markEdge(j, 'highlight');
    for (const li of panel.querySelectorAll(`.tie[data-edge="${j}"]`)) li.classList.add('highlight');
    state.edge = j;
    saveHash();
  }

  function select(i, options) {
    state.entity = i;
    state.edge = null;
    state.path = null;
    clearMarks();
    const node = nodes[i];
    const g = nodeElement[i];
    if (g) {
      picture.classList.add('focused');
      g.classList.add('selected', 'near');
    }
    const ties = incident[i].filter(visible);
    for (const j of ties) {
      markEdge(j, 'near');
      for (const end of ends[j]) if (nodeElement[end]) nodeElement[end].classList.add('near');
    }
    const meta = [kindLabel(node.kind)];
    if (node.country) meta.push(node.country);
    if (node.aliases.length) meta.push('also ' + node.aliases.join(', '));
    show(
      el('h2', { id: 'panel-title' }, node.name),
      el('p', { class: 'meta' }, meta.join(' · ')),
      node.description ? el('p', { class: 'description' }, node.description) : null,
      g ? null : el('p', { class: 'meta' }, 'Not drawn in the picture (it draws the most connected entities); its ties are all here.'),
      el('h3', null, `Ties (${ties.length}${ties.length < incident[i].length ? ` shown, ${incident[i].length - ties.length} hidden by the filters` : ''})`));
    const list = el('ol', { class: 'ties' });
    panel.append(list, longList(list, ties, (j) => tieItem(j, () => highlightTie(j))));
    if (options && options.center && g && !keepView) centerOn(g);
    saveHash();
  }

  function showEdges(relations) {
    state.entity = null;
    state.path = null;
    clearMarks();
    picture.classList.add('focused');
    for (const j of relations) {
      markEdge(j, 'highlight');
      for (const end of ends[j]) if (nodeElement[end]) nodeElement[end].classList.add('near');
    }
    state.edge = relations[0];
    const list = el('ol', { class: 'ties' });
    for (const j of relations) list.append(tieItem(j, null));
    const [from, to] = ends[relations[0]];
    show(el('h2', { id: 'panel-title' }, 'Evidence'),
      el('p', { class: 'meta' }, entityLink(from), ' and ', entityLink(to)), list);
    saveHash();
  }

  function clearSelection() {
    state.entity = null;
    state.edge = null;
    state.path = null;
    clearMarks();
    show(el('p', { class: 'empty' }, 'Click an entity or a tie, or search a name.'));
    saveHash();
  }

  // ---- Path mode: `vnla-graph path FROM TO`, ported from src/query/path.rs ----------------
  // A min-heap on (cost, node), the order of Rust's BinaryHeap<Reverse<(Cost, NodeIndex)>>.
  class Heap {
    constructor() { this.items = []; }
    get size() { return this.items.length; }
    less(a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]); }
    peek() { return this.items[0]; }
    push(item) {
      const items = this.items;
      items.push(item);
      let k = items.length - 1;
      while (k > 0) {
        const parent = (k - 1) >> 1;
        if (!this.less(items[k], items[parent])) break;
        [items[k], items[parent]] = [items[parent], items[k]];
        k = parent;
      }
    }
    pop() {
      const items = this.items;
      const top = items[0];
      const last = items.pop();
      if (items.length) {
        items[0] = last;
        let k = 0;
        for (;;) {
          const left = 2 * k + 1;
          const right = left + 1;
          let least = k;
          if (left < items.length && this.less(items[left], items[least])) least = left;
          if (right < items.length && this.less(items[right], items[least])) least = right;
          if (least === k) break;
          [items[k], items[least]] = [items[least], items[k]];
          k = least;
        }
      }
      return top;
    }
  }

  // Steps from `node`: along arrows first (against them for the search from the far end),
  // relations either way, as the filters allow; the ends may be of a hidden kind.
  function steps(node, backward, ends2) {
    const lists = backward ? [incoming[node], outgoing[node]] : [outgoing[node], incoming[node]];
    const found = [];
    for (const list of lists) {
      for (const j of list) {
        const [from, to] = ends[j];
        const other = from === node ? to : from;
        if (other === node) continue;
        if (!ends2.includes(other) && !entityShown(other)) continue;
        if (!relationShown(j)) continue;
        found.push([j, other, data.edge_facts[j].hop]);
      }
    }
    return found;
  }

  // The half of passing through entity `i` that tie `j` brings to it, less when `j` is a
  // direct tie `i` acts in; the two entities linked are never passed through
  // (query/path.rs, `weight`).
  const half = (i, j, ends2) => {
    if (ends2.includes(i)) return 0;
    const facts = data.node_facts[i];
    const direct = data.edge_facts[j].direct_at[ends[j][0] === i ? 0 : 1];
    return direct ? facts.half_direct : facts.half_other;
  };

  // The cheapest path by bidirectional Dijkstra on `hop + half(a) + half(b)` per step.
  function cheapestPath(from, to) {
    if (from === to) return { nodes: [from], edges: [], cost: 0 };
    const count = nodes.length;
    const distance = [new Array(count).fill(Infinity), new Array(count).fill(Infinity)];
    const previous = [new Map(), new Map()];
    const settled = [new Uint8Array(count), new Uint8Array(count)];
    const heaps = [new Heap(), new Heap()];
    [from, to].forEach((start, side) => {
      distance[side][start] = 0;
      heaps[side].push([0, start]);
    });
    let best = Infinity;
    let meeting = null;
    for (;;) {
      const tops = heaps.map((heap) => (heap.size ? heap.peek()[0] : Infinity));
      if (tops[0] + tops[1] >= best || (tops[0] === Infinity && tops[1] === Infinity)) break;
      const side = tops[1] < tops[0] ? 1 : 0;
      const [cost, node] = heaps[side].pop();
      if (settled[side][node]) continue;
      settled[side][node] = 1;
      for (const [j, next, hop] of steps(node, side === 1, [from, to])) {
        const reached = cost + hop + half(node, j, [from, to]) + half(next, j, [from, to]);
        if (reached < distance[side][next]) {
          distance[side][next] = reached;
          previous[side].set(next, [node, j]);
          heaps[side].push([reached, next]);
        }
        const total = reached + distance[1 - side][next];
        if (total < best) {
          best = total;
          meeting = next;
        }
      }
    }
    if (meeting === null) return null;
    const pathNodes = [meeting];
    const pathEdges = [];
    let node = meeting;
    while (previous[0].has(node)) {
      const [before, j] = previous[0].get(node);
      pathNodes.push(before);
      pathEdges.push(j);
      node = before;
    }
    pathNodes.reverse();
    pathEdges.reverse();
    node = meeting;
    while (previous[1].has(node)) {
      const [after, j] = previous[1].get(node);
      pathNodes.push(after);
      pathEdges.push(j);
      node = after;
    }
    // The true cost, charge by charge in path order (the ends are not passed through).
    let total = 0;
    pathEdges.forEach((j, k) => {
      total += data.edge_facts[j].hop;
      total += half(pathNodes[k], j, [from, to]) + half(pathNodes[k + 1], j, [from, to]);
    });
    return { nodes: pathNodes, edges: pathEdges, cost: total };
  }

  function showPath(from, to) {
    state.entity = null;
    state.edge = null;
    state.path = [from, to];
    clearMarks();
    $('path-from').value = nodes[from].name;
    $('path-to').value = nodes[to].name;
    const found = cheapestPath(from, to);
    const title = el('h2', { id: 'panel-title' }, 'Path: ', entityLink(from), ' → ', entityLink(to));
    if (!found) {
      show(title, el('p', { class: 'no-path' },
        filtersActive() ? 'No connection with the filters in force.' : 'No connection.'));
      saveHash();
      return;
    }
    picture.classList.add('focused');
    for (const i of found.nodes) if (nodeElement[i]) nodeElement[i].classList.add('near', 'selected');
    for (const j of found.edges) markEdge(j, 'highlight');
    if (!keepView) frame(found.nodes.map((i) => nodeElement[i]));
    const list = el('ol', { class: 'hops' });
    found.edges.forEach((j, k) => {
      const item = tieItem(j, () => highlightTie(j));
      item.classList.add('hop');
      item.dataset.from = nodes[found.nodes[k]].id;
      item.dataset.to = nodes[found.nodes[k + 1]].id;
      list.append(item);
    });
    const hops = found.edges.length;
    show(title,
      el('p', { class: 'meta', id: 'path-summary', 'data-cost': String(found.cost) },
        `${hops} hop${hops === 1 ? '' : 's'}, cost ${found.cost.toFixed(1)} (as vnla-graph path ranks them` +
        `${filtersActive() ? ', over what the filters show' : ''})`),
      list);
    saveHash();
  }

  let pathPick = [];
  function setPathMode(on) {
    state.pathMode = on;
    pathPick = [];
    $('path-mode').setAttribute('aria-pressed', String(on));
    $('path-bar').hidden = !on;
    if (on) $('path-from').focus();
  }

  function pathFromInputs() {
    const [from] = resolve($('path-from').value);
    const [to] = resolve($('path-to').value);
    if (from === undefined || to === undefined) {
      show(el('h2', { id: 'panel-title' }, 'Path'),
        el('p', { class: 'no-path' }, `No entity named “${from === undefined ? $('path-from').value : $('path-to').value}”.`));
      return;
    }
    showPath(from, to);
  }

  // ---- Pan and zoom, on the SVG's viewBox --------------------------------------------------
  const full = svg.viewBox.baseVal;
  const whole = { x: full.x, y: full.y, width: full.width, height: full.height };
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
  const view = { ...whole };
  function draw() {
    svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.width} ${view.height}`);
  }
  function fit() {
    Object.assign(view, whole);
    draw();
    saveHash();
  }
  function pointAt(clientX, clientY) {
    const matrix = svg.getScreenCTM();
    if (!matrix) return { x: view.x + view.width / 2, y: view.y + view.height / 2 };
    const point = new DOMPoint(clientX, clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }
  function zoom(factor, clientX, clientY) {
    const box = picture.getBoundingClientRect();
    const p = clientX === undefined
      ? pointAt(box.left + box.width / 2, box.top + box.height / 2) : pointAt(clientX, clientY);
    const width = Math.min(whole.width * 4, Math.max(whole.width / 400, view.width / factor));
    const scale = view.width / width;
    view.x = p.x - (p.x - view.x) / scale;
    view.y = p.y - (p.y - view.y) / scale;
    view.height = view.height / scale;
    view.width = width;
    draw();
    saveHash();
  }
  function panBy(dxScreen, dyScreen) {
    const matrix = svg.getScreenCTM();
    const scale = matrix ? matrix.a : 1;
    view.x -= dxScreen / scale;
    view.y -= dyScreen / scale;
    draw();
  }
  // Where `g` sits in the picture's own units (Graphviz translates its drawing).
  function boxOf(g) {
    const box = g.getBBox();
    const inner = g.getCTM();
    const outer = svg.getCTM();
    if (!inner || !outer) return { x: box.x, y: box.y, width: box.width, height: box.height };
    const matrix = outer.inverse().multiply(inner);
    const a = new DOMPoint(box.x, box.y).matrixTransform(matrix);
    const b = new DOMPoint(box.x + box.width, box.y + box.height).matrixTransform(matrix);
    return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
  }
  // Shows the elements `gs` whole, with room around them, at no more than a readable zoom.
  function frame(gs) {
    const boxes = gs.filter(Boolean).map(boxOf);
    if (!boxes.length) return;
    const left = Math.min(...boxes.map((b) => b.x));
    const top = Math.min(...boxes.map((b) => b.y));
    const right = Math.max(...boxes.map((b) => b.x + b.width));
    const bottom = Math.max(...boxes.map((b) => b.y + b.height));
    const aspect = picture.clientHeight / Math.max(1, picture.clientWidth);
    const width = Math.max(900, (right - left) * 1.2, ((bottom - top) * 1.2) / aspect);
    view.width = width;
    view.height = width * aspect;
    view.x = (left + right) / 2 - width / 2;
    view.y = (top + bottom) / 2 - view.height / 2;
    draw();
  }
  const centerOn = (g) => frame([g]);

  let drag = null;
  let dragged = false;
  picture.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    drag = { x: event.clientX, y: event.clientY };
    dragged = false;
  });
  window.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!dragged && Math.hypot(dx, dy) < 4) return;
    dragged = true;
    picture.classList.add('dragging');
    panBy(dx, dy);
    drag = { x: event.clientX, y: event.clientY };
  });
  window.addEventListener('pointerup', () => {
    if (drag && dragged) saveHash();
    drag = null;
    picture.classList.remove('dragging');
  });
  picture.addEventListener('wheel', (event) => {
    event.preventDefault();
    zoom(Math.exp(-event.deltaY / 500), event.clientX, event.clientY);
  }, { passive: false });

  picture.addEventListener('click', (event) => {
    if (dragged) {
      dragged = false;
      return;
    }
    const nodeG = event.target.closest('g.node');
    const edgeG = event.target.closest('g.edge');
    if (nodeG && nodeG.dataset.entity) {
      const i = byId.get(nodeG.dataset.entity);
      if (state.pathMode) {
        pathPick.push(i);
        $(pathPick.length === 1 ? 'path-from' : 'path-to').value = nodes[i].name;
        if (pathPick.length === 2) {
          showPath(pathPick[0], pathPick[1]);
          pathPick = [];
        }
        return;
      }
      select(i);
    } else if (edgeG && elementEdges.has(edgeG) && elementEdges.get(edgeG).length) {
      showEdges(elementEdges.get(edgeG));
    }
  });

  // ---- The URL hash: the current view, so a link reopens it --------------------------------
  let restoring = false;
  // While a link's own view is being restored, answers do not move the picture.
  let keepView = false;
  function saveHash() {
    if (restoring) return;
    const words = [];
    if (state.path) words.push('path=' + state.path.map((i) => encodeURIComponent(nodes[i].id)).join(','));
    else if (state.entity !== null) words.push('entity=' + encodeURIComponent(nodes[state.entity].id));
    if (state.edge !== null && !state.path) words.push('edge=' + state.edge);
    if (state.at !== null) words.push('at=' + state.at);
    if (state.undated) words.push('undated=1');
    if (state.hideClaims) words.push('claims=hide');
    const only = (all, hidden) => all.filter((x) => !hidden.has(x)).map(encodeURIComponent).join(',');
    if (state.hiddenKinds.size) words.push('kinds=' + only(presentKinds, state.hiddenKinds));
    if (state.hiddenTypes.size) words.push('types=' + only(presentTypes, state.hiddenTypes));
    if (state.hiddenThemes.size) words.push('themes=' + only(presentThemes, state.hiddenThemes));
    if (view.width !== whole.width || view.x !== whole.x || view.y !== whole.y) {
      words.push('view=' + [view.x, view.y, view.width, view.height].map((v) => Math.round(v)).join(','));
    }
    const hash = words.length ? '#' + words.join('&') : '';
    if (hash !== location.hash) history.replaceState(null, '', hash || location.pathname + location.search);
  }

  function restoreHash() {
    restoring = true;
    const fields = new Map(location.hash.replace(/^#/, '').split('&').filter(Boolean)
      .map((word) => { const at = word.indexOf('='); return [word.slice(0, at), decodeURIComponent(word.slice(at + 1))]; }));
    const list = (name, all) => {
      if (!fields.has(name)) return new Set();
      const kept = new Set(fields.get(name).split(','));
      return new Set(all.filter((x) => !kept.has(x)));
    };
    state.hiddenKinds = list('kinds', presentKinds);
    state.hiddenTypes = list('types', presentTypes);
    state.hiddenThemes = list('themes', presentThemes);
    state.hideClaims = fields.get('claims') === 'hide';
    state.undated = fields.get('undated') === '1';
    const year = Number.parseInt(fields.get('at'), 10);
    state.at = Number.isFinite(year) ? year : null;
    syncControls();
    applyFilters();
    const viewField = (fields.get('view') || '').split(',').map(Number);
    keepView = viewField.length === 4 && viewField.every(Number.isFinite) && viewField[2] > 0 && viewField[3] > 0;
    if (keepView) [view.x, view.y, view.width, view.height] = viewField;
    else Object.assign(view, whole);
    draw();
    const path = (fields.get('path') || '').split(',').map((id) => byId.get(id));
    if (path.length === 2 && path.every((i) => i !== undefined)) showPath(path[0], path[1]);
    else if (byId.has(fields.get('entity'))) select(byId.get(fields.get('entity')), { center: true });
    else if (fields.has('edge') && edges[Number(fields.get('edge'))]) showEdges([Number(fields.get('edge'))]);
    else clearSelection();
    if (fields.has('edge') && state.entity !== null && edges[Number(fields.get('edge'))]) highlightTie(Number(fields.get('edge')));
    restoring = false;
    keepView = false;
  }

  // ---- Controls ---------------------------------------------------------------------------
  const presentKinds = [...new Set(nodes.map((n) => n.kind))];
  const presentTypes = [...new Set(edges.map((e) => e.type))];
  const presentThemes = data.themes.filter((_, t) => data.edge_facts.some((f) => f.theme === t));

  function checkboxes(container, values, label, color, hidden) {
    for (const value of values) {
      const box = el('input', { type: 'checkbox', value });
      box.checked = true;
      box.addEventListener('change', () => {
        if (box.checked) hidden().delete(value); else hidden().add(value);
        refresh();
      });
      container.append(el('label', null, box,
        color ? el('span', { class: 'swatch', style: `background:${color(value)}` }) : null, label(value)));
    }
  }
  checkboxes($('filter-kinds'), presentKinds, kindLabel, (k) => (kinds.get(k) || {}).color || '#999', () => state.hiddenKinds);
  checkboxes($('filter-types'), presentTypes, typeLabel, (t) => (types.get(t) || {}).color || '#999', () => state.hiddenTypes);
  checkboxes($('filter-themes'), presentThemes, (t) => t.replace(/[_-]/g, ' '), null, () => state.hiddenThemes);

  const years = [];
  for (const f of data.edge_facts) {
    if (!f.days) continue;
    years.push(Math.floor(f.days[0] / 10000));
    if (f.days[1] !== null) years.push(Math.floor(f.days[1] / 10000));
  }
  const firstYear = years.length ? Math.min(...years) : 2000;
  const lastYear = years.length ? Math.max(...years) : 2000;
  const slider = $('year');
  slider.min = String(firstYear);
  slider.max = String(lastYear);
  slider.value = String(lastYear);

  function syncControls() {
    $('time-on').checked = state.at !== null;
    slider.disabled = state.at === null;
    $('undated').disabled = state.at === null;
    $('undated').checked = state.undated;
    if (state.at !== null) slider.value = String(state.at);
    $('year-label').textContent = state.at === null ? 'any time' : String(state.at);
    $('hide-claims').checked = state.hideClaims;
    const sync = (container, hidden) => {
      for (const box of $(container).querySelectorAll('input')) box.checked = !hidden.has(box.value);
    };
    sync('filter-kinds', state.hiddenKinds);
    sync('filter-types', state.hiddenTypes);
    sync('filter-themes', state.hiddenThemes);
  }

  // After a filter changes: redraw, and show the open answer again under the new filters.
  function refresh() {
    syncControls();
    applyFilters();
    if (state.path) showPath(state.path[0], state.path[1]);
    else if (state.entity !== null) select(state.entity);
    else saveHash();
  }

  $('time-on').addEventListener('change', (event) => {
    state.at = event.target.checked ? Number(slider.value) : null;
    refresh();
  });
  slider.addEventListener('input', () => {
    state.at = Number(slider.value);
    refresh();
  });
  $('undated').addEventListener('change', (event) => {
    state.undated = event.target.checked;
    refresh();
  });
  $('hide-claims').addEventListener('change', (event) => {
    state.hideClaims = event.target.checked;
    refresh();
  });
  const toggle = (button, box) => {
    $(button).addEventListener('click', () => {
      $(box).hidden = !$(box).hidden;
      $(button).setAttribute('aria-expanded', String(!$(box).hidden));
    });
  };
  toggle('filters-toggle', 'filters');
  toggle('help-toggle', 'help');
  $('zoom-in').addEventListener('click', () => zoom(1.5));
  $('zoom-out').addEventListener('click', () => zoom(1 / 1.5));
  $('fit').addEventListener('click', fit);
  $('path-mode').addEventListener('click', () => setPathMode(!state.pathMode));
  $('path-go').addEventListener('click', pathFromInputs);
  for (const id of ['path-from', 'path-to']) {
    $(id).addEventListener('keydown', (event) => {
      if (event.key === 'Enter') pathFromInputs();
    });
  }

  // The search box: results as you type; Enter takes the first.
  const search = $('search');
  const results = $('results');
  let hits = [];
  function showResults() {
    hits = searchHits(search.value);
    results.replaceChildren(...hits.map((i, k) => el('li', {
      class: k === 0 ? 'current' : '', 'data-entity': nodes[i].id,
      onmousedown: (event) => { event.preventDefault(); choose(i); },
    }, nodes[i].name, ' ', el('span', { class: 'kind' }, kindLabel(nodes[i].kind)))));
    if (!hits.length && search.value.trim()) results.append(el('li', { class: 'kind' }, 'No entity by that name.'));
    results.hidden = !search.value.trim();
  }
  function choose(i) {
    results.hidden = true;
    search.value = nodes[i].name;
    search.blur();
    select(i, { center: true });
  }
  search.addEventListener('input', showResults);
  search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      hits = searchHits(search.value);
      if (hits.length) choose(hits[0]);
      else showResults();
    } else if (event.key === 'Escape') {
      results.hidden = true;
      search.blur();
    }
  });
  search.addEventListener('blur', () => { results.hidden = true; });

  // Keys, when no field has them.
  window.addEventListener('keydown', (event) => {
    if (event.target.closest('input, textarea, select') || event.ctrlKey || event.metaKey || event.altKey) return;
    const step = 80;
    const keys = {
      ArrowLeft: () => panBy(step, 0), ArrowRight: () => panBy(-step, 0),
      ArrowUp: () => panBy(0, step), ArrowDown: () => panBy(0, -step),
      '+': () => zoom(1.25), '=': () => zoom(1.25), '-': () => zoom(0.8), '0': fit,
      '/': () => search.focus(), p: () => setPathMode(!state.pathMode),
      '?': () => $('help-toggle').click(), Escape: clearSelection,
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
    if (event.key.startsWith('Arrow')) saveHash();
  });

  window.addEventListener('hashchange', restoreHash);
  restoreHash();
  document.documentElement.dataset.ready = 'true';
  performance.mark('explorer-ready');
}());

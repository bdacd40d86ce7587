// @ts-check
// The simulate view's drawing: the call chain, the outcome (a slab's objects, a page block or
// vmalloc pages), the buddy free lists before and after, and for pushes a growth chart. Plain
// SVG built with DOM calls (textContent only, no HTML strings); data comes from the extension.
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const root = /** @type {HTMLElement} */ (document.getElementById('root'));
  const NS = 'http://www.w3.org/2000/svg';

  /** @param {string} tag @param {Record<string, string | number>} attrs @param {Element} [parent] */
  function svg(tag, attrs, parent) {
    const e = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }
  /** @param {string} tag @param {string} text @param {Element} parent */
  function el(tag, text, parent) {
    const e = document.createElement(tag);
    e.textContent = text;
    parent.appendChild(e);
    return e;
  }
  /** @param {number} b */
  function bytes(b) {
    if (b >= 1 << 20 && b % (1 << 20) === 0) return `${b / (1 << 20)} MiB`;
    if (b >= 1024 && b % 1024 === 0) return `${b / 1024} KiB`;
    return `${b} B`;
  }

  /** @param {{frame: string, file: string, layer?: string}[]} chain @param {string[]} inWorkspace */
  function drawChain(chain, inWorkspace) {
    el('h2', 'Call chain', root);
    const h = 30, gap = 14, w = 420;
    const s = svg('svg', { width: w + 20, height: chain.length * (h + gap), role: 'list', 'aria-label': 'call chain from the Rust call to the allocator' }, root);
    chain.forEach((f, i) => {
      const y = i * (h + gap);
      const linked = inWorkspace.includes(f.file);
      const g = svg('g', { class: `frame${f.file.endsWith('.c') || f.file.endsWith('.h') ? ' c' : ''}${linked ? ' link' : ''}`, role: 'listitem' }, s);
      svg('rect', { x: 1, y: y + 1, width: w, height: h, rx: 4 }, g);
      const t = svg('text', { x: 10, y: y + 19 }, g);
      t.textContent = `${f.frame}  ·  ${f.file}`;
      if (linked) {
        g.setAttribute('tabindex', '0');
        g.setAttribute('aria-label', `open ${f.file}`);
        const open = () => vscode.postMessage({ type: 'open', file: f.file });
        g.addEventListener('click', open);
        g.addEventListener('keydown', (e) => { if (/** @type {KeyboardEvent} */ (e).key === 'Enter') open(); });
      }
      if (i < chain.length - 1) svg('line', { class: 'arrow', x1: 30, y1: y + h + 1, x2: 30, y2: y + h + gap, 'marker-end': '' }, s);
    });
  }

  /** @param {any} o @param {any} trace */
  function drawOutcome(o, trace) {
    el('h2', 'Where it lands', root);
    const cell = 16;
    if (o.path === 'slab' && o.objectsPerSlab) {
      el('p', `${o.cache}: ${o.objectsPerSlab} objects of ${o.objectSize} B in an order-${o.slabOrder} slab (${bytes(o.slabBytes)}); each request uses ${o.objectSize - o.wasteBytes} B and wastes ${o.wasteBytes} B.`, root);
      const used = Math.min(trace.kind === 'allocations' ? trace.totals.operations : 1, o.objectsPerSlab);
      const perRow = Math.min(o.objectsPerSlab, 32);
      const rows = Math.ceil(o.objectsPerSlab / perRow);
      const s = svg('svg', { width: perRow * (cell + 2) + 4, height: rows * (cell + 2) + 4, role: 'img', 'aria-label': `slab of ${o.objectsPerSlab} objects, ${used} used` }, root);
      for (let i = 0; i < o.objectsPerSlab; i++) {
        const x = (i % perRow) * (cell + 2) + 2, y = Math.floor(i / perRow) * (cell + 2) + 2;
        if (i < used) {
          const usedPart = Math.max(1, Math.round(cell * (1 - o.wasteBytes / o.objectSize)));
          svg('rect', { class: 'used', x, y, width: usedPart, height: cell }, s);
          if (usedPart < cell) svg('rect', { class: 'waste', x: x + usedPart, y, width: cell - usedPart, height: cell }, s);
        } else svg('rect', { class: 'free', x: x + 0.5, y: y + 0.5, width: cell - 1, height: cell - 1 }, s);
      }
      legend([['used', 'used by the request'], ['waste', 'waste'], ['free', 'free object']]);
    } else if (o.path === 'large' || o.path === 'vmalloc' || o.path === 'kvmalloc') {
      const pages = o.path === 'large' ? o.pages : (o.vmalloc ?? o.fallback)?.pages ?? 0;
      const guard = o.path !== 'large';
      el('p', o.path === 'large' ? `The page allocator: one order-${o.order} block of ${pages} pages (${bytes(o.objectSize)}).` : `vmalloc: ${pages} pages mapped one by one, then a guard page.`, root);
      const shown = Math.min(pages, 256);
      const perRow = 32;
      const total = shown + (guard ? 1 : 0);
      const s = svg('svg', { width: perRow * (cell + 2) + 4, height: Math.ceil(total / perRow) * (cell + 2) + 4, role: 'img', 'aria-label': `${pages} pages${guard ? ' and a guard page' : ''}` }, root);
      for (let i = 0; i < total; i++) {
        const x = (i % perRow) * (cell + 2) + 2, y = Math.floor(i / perRow) * (cell + 2) + 2;
        svg('rect', { class: guard && i === total - 1 ? 'guard' : 'used', x, y, width: cell, height: cell }, s);
      }
      if (pages > shown) el('p', `(first ${shown} of ${pages} pages drawn)`, root);
      legend(guard ? [['used', 'page'], ['guard', 'guard page']] : [['used', 'page']]);
    } else {
      el('p', `${o.path}${o.failure ? `: ${o.failure}` : ''}`, root);
    }
  }

  /** @param {[string, string][]} items */
  function legend(items) {
    const p = el('p', '', root);
    p.className = 'legend';
    for (const [cls, label] of items) {
      const sw = document.createElement('span');
      sw.style.background = `var(--vscode-charts-${cls === 'used' ? 'blue' : cls === 'waste' ? 'orange' : cls === 'guard' ? 'red' : 'gray'})`;
      p.appendChild(sw);
      p.appendChild(document.createTextNode(label));
    }
  }

  /** @param {any} buddy @param {any} totals */
  function drawBuddy(buddy, totals) {
    el('h2', 'Buddy allocator: free blocks per order', root);
    el('p', `${totals.buddySplits} splits, ${totals.buddyMerges} merges (green: before, blue: after; log scale; hover a bar for its count).`, root);
    // Log scale: one split leaves single blocks at low orders beside hundreds at the top order.
    const max = Math.log2(1 + Math.max(1, ...buddy.before, ...buddy.after));
    const scale = (/** @type {number} */ n) => (Math.log2(1 + n) / max) * h;
    const bw = 14, h = 120, orders = buddy.before.length;
    const s = svg('svg', { width: orders * (2 * bw + 10) + 20, height: h + 30, role: 'img', 'aria-label': 'free blocks per order before and after' }, root);
    for (let i = 0; i < orders; i++) {
      const x = 10 + i * (2 * bw + 10);
      const hb = scale(buddy.before[i]), ha = scale(buddy.after[i]);
      svg('rect', { class: 'before', x, y: h - hb, width: bw, height: hb }, s).appendChild(title(`order ${i} before: ${buddy.before[i]}`));
      svg('rect', { class: 'after', x: x + bw, y: h - ha, width: bw, height: ha }, s).appendChild(title(`order ${i} after: ${buddy.after[i]}`));
      const t = svg('text', { x: x + 4, y: h + 14 }, s);
      t.textContent = String(i);
    }
  }

  /** @param {string} text */
  function title(text) {
    const t = document.createElementNS(NS, 'title');
    t.textContent = text;
    return t;
  }

  /** @param {any} trace @param {number | null} count */
  function drawGrowth(trace, count) {
    el('h2', 'Growth: capacity against bytes', root);
    const allocs = trace.steps.filter((/** @type {any} */ s) => s.action === 'alloc' && s.capacity);
    if (!allocs.length) return;
    const element = trace.outcome.request.elementBytes || 1;
    const lastCap = allocs[allocs.length - 1].capacity;
    const W = 560, H = 220, pad = 40, right = 110;
    const xs = (/** @type {number} */ c) => pad + (Math.log2(c) / Math.max(1, Math.log2(lastCap))) * (W - pad - right);
    const maxBytes = lastCap * element;
    const ys = (/** @type {number} */ b) => H - pad - (Math.log2(Math.max(1, b)) / Math.max(1, Math.log2(maxBytes))) * (H - 2 * pad);
    const s = svg('svg', { width: W, height: H, role: 'img', 'aria-label': `buffer bytes for ${count ?? 'the'} pushes` }, root);
    svg('line', { class: 'axis', x1: pad, y1: H - pad, x2: W - right, y2: H - pad }, s);
    svg('line', { class: 'axis', x1: pad, y1: pad, x2: pad, y2: H - pad }, s);
    const points = allocs.map((/** @type {any} */ a) => `${xs(a.capacity)},${ys(a.capacity * element)}`).join(' ');
    svg('polyline', { class: 'line', points }, s);
    let lastCache = null;
    for (const a of allocs) {
      const c = svg('circle', { class: 'mark', cx: xs(a.capacity), cy: ys(a.capacity * element), r: 4 }, s);
      c.appendChild(title(`capacity ${a.capacity}: ${bytes(a.capacity * element)} in ${a.cache ?? a.path}`));
      if (a.cache && a.cache !== lastCache) {
        const t = svg('text', { x: xs(a.capacity) + 5, y: ys(a.capacity * element) - 6 }, s);
        t.textContent = a.cache;
      }
      if (a.path === 'large' && lastCache !== 'large') {
        svg('line', { class: 'leave', x1: xs(a.capacity), y1: pad, x2: xs(a.capacity), y2: H - pad }, s).appendChild(title('leaves the slab: the page allocator from here'));
      }
      lastCache = a.path === 'large' ? 'large' : a.cache;
    }
    const xl = svg('text', { x: W / 2 - 40, y: H - 8 }, s);
    xl.textContent = 'capacity (elements, log)';
    const yl = svg('text', { x: 2, y: pad - 10 }, s);
    yl.textContent = 'bytes (log)';
  }

  /** @param {number | null} count @param {string} kind */
  function countControl(count, kind) {
    const form = document.createElement('form');
    const label = document.createElement('label');
    label.textContent = kind === 'kvec-push' ? 'Pushes: ' : 'Allocations: ';
    const input = document.createElement('input');
    input.type = 'number';
    input.min = '1';
    input.max = '100000';
    input.value = String(count ?? (kind === 'kvec-push' ? 64 : 32));
    label.appendChild(input);
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Simulate';
    form.append(label, button);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      vscode.postMessage({ type: 'count', count: Number(input.value) });
    });
    root.appendChild(form);
  }

  // Messages from the extension: client/src/view-messages.ts HostMessage.
  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'failed') {
      root.replaceChildren();
      el('h1', 'Cannot simulate here', root);
      el('p', message.message, root).className = 'error';
      return;
    }
    if (message.type !== 'trace') return;
    const { result, inWorkspace, count } = message;
    root.replaceChildren();
    const { site, trace } = result;
    const o = trace.outcome;
    el('h1', `${site.call} (line ${site.line})`, root);
    el('p', `${trace.kind === 'kvec-push' ? 'Pushes into an empty vector' : 'Live allocations'}: ${trace.totals.operations} allocator operations, ${trace.totals.failures} failed · ${o.profile.name}, kernel ${o.kernel.version}`, root).className = 'summary';
    countControl(count, trace.kind);
    // Pictures first: where it lands and how it grows; then the buddy lists and the chain.
    drawOutcome(o, trace);
    if (trace.kind === 'kvec-push') drawGrowth(trace, count);
    drawBuddy(trace.buddy, trace.totals);
    drawChain(o.chain, inWorkspace);
  });
})();

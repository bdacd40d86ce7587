// @ts-check
// The simulate view's drawing: where the request lands (a slab's objects, kmalloc or dedicated,
// a page block, vmalloc pages with their guard page, kvmalloc's attempt and fallback, a DMA buffer
// with the paths dma_alloc_attrs may take), the growth chart of a push, the
// buddy free lists before and after, the call chain, and the notes. Plain SVG built with DOM calls
// (textContent only, no HTML strings); every number comes from the extension (the server's trace).
// Messages: client/src/view-messages.ts. The view says `ready` first; the host waits for it.
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
    if (b >= 1 << 30 && b % (1 << 30) === 0) return `${b / (1 << 30)} GiB`;
    if (b >= 1 << 20 && b % (1 << 20) === 0) return `${b / (1 << 20)} MiB`;
    if (b >= 1024 && b % 1024 === 0) return `${b / 1024} KiB`;
    return `${b} B`;
  }
  /** @param {number} n @param {string} word */
  function count(n, word) {
    return `${n} ${n === 1 ? word : `${word}s`}`;
  }
  /** @param {string} text */
  function title(text) {
    const t = document.createElementNS(NS, 'title');
    t.textContent = text;
    return t;
  }
  /**
   * A responsive SVG: drawn in `w`×`h` units, scaled down to the panel's width, never up. The cap
   * is set through the CSSOM: the view's CSP has no 'unsafe-inline', so a `style` attribute is dropped.
   * @param {number} w @param {number} h @param {string} label
   */
  function figure(w, h, label) {
    const s = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img', 'aria-label': label, preserveAspectRatio: 'xMinYMin meet' }, root);
    /** @type {SVGSVGElement} */ (s).style.maxWidth = `${w}px`;
    return s;
  }

  /** Legend items: a CSS class for the swatch (theme colours, see simulate-view.css) and a label. @param {[string, string][]} items */
  function legend(items) {
    const p = el('p', '', root);
    p.className = 'legend';
    for (const [cls, label] of items) {
      // One item per swatch and label, so a wrapping legend never leaves a swatch at a line's end.
      const item = document.createElement('span');
      item.className = 'legend-item';
      const sw = document.createElement('span');
      sw.className = `swatch ${cls}`;
      item.appendChild(sw);
      item.appendChild(document.createTextNode(label));
      p.appendChild(item);
    }
  }

  /** @param {any} chain @param {string[]} inWorkspace */
  function drawChain(chain, inWorkspace) {
    el('h2', 'Call chain', root);
    el('p', 'Click a frame to open it at its definition: in the workspace’s kernel tree when it has the file, else the kernel source online at this version (↗).', root).className = 'hint';
    const h = 28,
      gap = 16,
      w = 520;
    const s = figure(w + 4, chain.length * (h + gap), 'call chain from the Rust call to the allocator');
    const defs = svg('defs', {}, s);
    const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
    svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' }, marker);
    chain.forEach((/** @type {any} */ f, /** @type {number} */ i) => {
      const y = i * (h + gap);
      const local = inWorkspace.includes(f.file);
      const g = svg('g', { class: `frame ${f.layer ?? ''}${local ? ' local' : ''}`, role: 'link', tabindex: 0, 'aria-label': `open ${f.frame} in ${f.file}${local ? '' : ' (online)'}` }, s);
      svg('rect', { x: 1, y: y + 1, width: w, height: h, rx: 4 }, g);
      const t = svg('text', { x: 10, y: y + 18 }, g);
      t.textContent = `${f.frame}  ·  ${f.file}${local ? '' : ' ↗'}`;
      const open = () => vscode.postMessage({ type: 'open', file: f.file, frame: f.frame });
      g.addEventListener('click', open);
      g.addEventListener('keydown', (e) => {
        if (/** @type {KeyboardEvent} */ (e).key === 'Enter') open();
      });
      if (i < chain.length - 1) svg('line', { class: 'arrow', x1: 30, y1: y + h + 1, x2: 30, y2: y + h + gap - 1, 'marker-end': 'url(#arrow)' }, s);
    });
    legend([
      ['rust', 'Rust'],
      ['ffi', 'C helper'],
      ['c', 'C (mm/)'],
    ]);
  }

  /**
   * A row of page cells; `used` bytes shaded in the first pages, then the guard page. A few pages
   * (vmalloc of a small object) are drawn large and labelled, so 32 B in a 4 KiB page still reads.
   * @param {number} pages @param {number} pageSize @param {number} usedBytes @param {boolean} guard @param {string} label
   */
  function drawPages(pages, pageSize, usedBytes, guard, label) {
    const few = pages + (guard ? 1 : 0) <= 4;
    const cell = few ? 56 : 22,
      pitch = few ? 130 : cell + 3,
      perRow = 24,
      labelHeight = few ? 20 : 0,
      shown = Math.min(pages, 192);
    const total = shown + (guard ? 1 : 0);
    const s = figure(Math.min(total, perRow) * pitch + 4, Math.ceil(total / perRow) * (cell + 3 + labelHeight) + 4, label);
    for (let i = 0; i < total; i++) {
      // Large cells sit in the middle of their pitch, so a caption centred under them stays inside the picture.
      const x = (i % perRow) * pitch + (few ? (pitch - cell) / 2 : 2),
        y = Math.floor(i / perRow) * (cell + 3 + labelHeight) + 2;
      /** @param {string} text */
      const caption = (text) => {
        if (!few) return;
        const t = svg('text', { x: x + cell / 2, y: y + cell + 15, 'text-anchor': 'middle' }, s);
        t.textContent = text;
      };
      if (guard && i === total - 1) {
        svg('rect', { class: 'guard', x, y, width: cell, height: cell }, s).appendChild(title('guard page: address space only, no memory behind it'));
        svg('line', { class: 'guard-x', x1: x, y1: y, x2: x + cell, y2: y + cell }, s);
        caption('guard page');
        continue;
      }
      const inPage = Math.max(0, Math.min(pageSize, usedBytes - i * pageSize));
      svg('rect', { class: 'page', x: x + 0.5, y: y + 0.5, width: cell - 1, height: cell - 1 }, s);
      if (inPage > 0) {
        const hUsed = Math.max(2, Math.round((cell * inPage) / pageSize));
        svg('rect', { class: 'used', x, y: y + cell - hUsed, width: cell, height: hUsed }, s).appendChild(title(`page ${i}: ${bytes(inPage)} of ${bytes(pageSize)} used`));
      }
      caption(`${bytes(inPage)} of ${bytes(pageSize)} used`);
    }
    if (pages > shown) el('p', `(first ${shown} of ${pages} pages drawn)`, root);
  }

  /** @param {any} o */
  function costlyNote(o) {
    const p = el(
      'p',
      `Order ${o.order} is above PAGE_ALLOC_COSTLY_ORDER (3): a costly order. The page allocator compacts and then gives up without retrying hard or invoking the OOM killer, so on a long-running, fragmented machine this can fail with plenty of memory free. Start from a fragmented buddy allocator (above) to see it fail.`,
      root,
    );
    p.className = 'warning';
  }

  /** @param {any} o @param {any} trace */
  function drawOutcome(o, trace) {
    el('h2', 'Where it lands', root);
    const pageSize = o.profile.pageSize;
    if (o.attempt) drawKvmalloc(o, pageSize);
    else if (o.path === 'slab' && o.objectsPerSlab) {
      const k = o.kmemCache;
      el(
        'p',
        k
          ? `${o.cache}: a dedicated cache (${k.source}), ${count(o.objectsPerSlab, 'object')} of ${k.slabSize} B in an order-${o.slabOrder} slab (${bytes(o.slabBytes)}): ${k.formula}${k.sheafCapacity !== null ? `; per-CPU sheaves of ${k.sheafCapacity}` : ''}. Object size from ${k.layoutSource}.`
          : `${o.cache}: ${count(o.objectsPerSlab, 'object')} of ${o.objectSize} B in an order-${o.slabOrder} slab (${bytes(o.slabBytes)}); each request uses ${o.objectSize - o.wasteBytes} B and wastes ${o.wasteBytes} B.`,
        root,
      );
      if (o.objects && o.objects.worstCase !== o.objects.typical)
        el('p', `One call takes ${o.objects.typical} object${o.objects.typical === 1 ? '' : 's'}, at worst ${o.objects.worstCase}: ${o.objects.why}.`, root).className = 'hint';
      const cell = 16;
      const used = Math.min(trace.kind === 'allocations' ? trace.totals.operations - trace.totals.failures : 1, o.objectsPerSlab);
      const perRow = Math.min(o.objectsPerSlab, 32);
      const rows = Math.ceil(o.objectsPerSlab / perRow);
      const s = figure(perRow * (cell + 2) + 4, rows * (cell + 2) + 4, `slab of ${o.objectsPerSlab} objects, ${used} used`);
      for (let i = 0; i < o.objectsPerSlab; i++) {
        const x = (i % perRow) * (cell + 2) + 2,
          y = Math.floor(i / perRow) * (cell + 2) + 2;
        if (i < used) {
          const usedPart = Math.max(1, Math.round(cell * (1 - o.wasteBytes / o.objectSize)));
          svg('rect', { class: 'used', x, y, width: usedPart, height: cell }, s);
          if (usedPart < cell) svg('rect', { class: 'waste', x: x + usedPart, y, width: cell - usedPart, height: cell }, s);
        } else svg('rect', { class: 'free', x: x + 0.5, y: y + 0.5, width: cell - 1, height: cell - 1 }, s);
      }
      legend([
        ['used', 'used by the request'],
        ['waste', 'waste'],
        ['free', 'free object'],
      ]);
    } else if (o.path === 'dma' && o.dma) {
      drawDma(o, pageSize);
    } else if (o.path === 'large' || o.path === 'pages') {
      el('p', `The page allocator${o.path === 'pages' ? ', called directly' : ''}: one order-${o.order} block of ${count(o.pages, 'page')} (${bytes(o.objectSize)}).`, root);
      drawPages(o.pages, pageSize, o.request.sizeBytes ?? 0, false, `${o.pages} pages`);
      legend([
        ['used', 'requested bytes'],
        ['page', 'page'],
      ]);
      if (o.costly) costlyNote(o);
    } else if (o.path === 'vmalloc' && o.vmalloc) {
      const v = o.vmalloc;
      const used = o.request.sizeBytes ?? 0;
      el(
        'p',
        `vmalloc: ${count(v.pages, 'page')} ${v.huge ? `in ${bytes(2 ** v.pageShift)} huge mappings` : 'mapped page by page'}, then a guard page${used < v.pages * pageSize ? `; ${bytes(used)} used of ${bytes(v.pages * pageSize)} mapped` : ''}.`,
        root,
      );
      drawPages(v.pages, pageSize, used, true, `${v.pages} pages and a guard page`);
      legend([
        ['used', 'requested bytes'],
        ['page', 'mapped page'],
        ['guard', 'guard page'],
      ]);
    } else {
      el('p', `${o.path}${o.failure ? `: ${o.failure}` : ''}`, root).className = o.path === 'fail' ? 'error' : '';
    }
  }

  /** DMA coherent memory: the dma-direct block stepped here, then every path dma_alloc_attrs may take and when. @param {any} o @param {number} pageSize */
  function drawDma(o, pageSize) {
    const d = o.dma;
    el(
      'p',
      `Without a device the answer is dma-direct's (assumed): ${bytes(o.request.sizeBytes ?? 0)} rounded to ${bytes(d.alignedBytes)}, one order-${d.order} block of ${count(2 ** d.order, 'page')}, physically contiguous.`,
      root,
    );
    drawPages(2 ** d.order, pageSize, o.request.sizeBytes ?? 0, false, `${2 ** d.order} pages`);
    legend([
      ['used', 'requested bytes'],
      ['page', 'page'],
    ]);
    if (o.costly) costlyNote(o);
    el('h2', 'The paths dma_alloc_attrs may take', root);
    const table = document.createElement('table');
    table.className = 'compare dma-paths';
    const head = document.createElement('tr');
    for (const h of ['path', 'taken when', 'what it gets']) el('th', h, head);
    table.appendChild(head);
    for (const p of d.paths) {
      const tr = document.createElement('tr');
      if (p.path === d.assumed) tr.className = 'current';
      el('td', `${p.path}${p.path === d.assumed ? ' (stepped)' : ''}`, tr);
      el('td', p.when, tr);
      el('td', p.gets, tr);
      table.appendChild(tr);
    }
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.appendChild(table);
    root.appendChild(wrap);
  }

  /** kvmalloc: the kmalloc attempt, then the fallback and its mapping. @param {any} o @param {number} pageSize */
  function drawKvmalloc(o, pageSize) {
    const a = o.attempt;
    const list = document.createElement('ol');
    list.className = 'steps';
    root.appendChild(list);
    const attempt = a.path === 'slab' ? a.cache : a.path === 'large' ? `order-${a.order} pages` : 'no kmalloc size';
    const served = o.path === 'slab' || o.path === 'large';
    el(
      'li',
      `kmalloc first: ${attempt}, flags ${a.flags}. ${served ? 'It succeeds on this machine.' : a.path === 'fail' ? `It fails at once: ${bytes(o.request.sizeBytes ?? 0)} is over KMALLOC_MAX_SIZE.` : 'It fails.'}`,
      list,
    );
    const fb = o.fallback ?? (o.path === 'kvmalloc' ? o.vmalloc : null);
    if (fb) {
      el(
        'li',
        `${fb.when === 'if-kmalloc-fails' ? 'If that fails (fragmented memory): ' : 'Then '}vmalloc: ${count(fb.pages, 'page')}, ${fb.huge ? `huge mapping (${bytes(2 ** fb.pageShift)} at a time)` : 'mapped page by page'}, and a guard page.`,
        list,
      );
      drawPages(fb.pages, pageSize, o.request.sizeBytes ?? 0, true, 'the vmalloc fallback');
      legend([
        ['used', 'requested bytes'],
        ['page', 'mapped page'],
        ['guard', 'guard page'],
      ]);
    } else el('li', 'No vmalloc fallback for this size (kvmalloc falls back only above a page).', list);
    if (o.path === 'large' && o.costly) costlyNote(o);
  }

  /** @param {any} buddy @param {any} totals */
  function drawBuddy(buddy, totals) {
    el('h2', 'Buddy allocator: free blocks per order', root);
    el('p', `${count(totals.buddySplits, 'split')}, ${count(totals.buddyMerges, 'merge')}. Log scale; hover a bar for its count.`, root);
    const max = Math.log2(1 + Math.max(1, ...buddy.before, ...buddy.after));
    const bw = 14,
      h = 120,
      orders = buddy.before.length,
      left = 10;
    const scale = (/** @type {number} */ n) => (Math.log2(1 + n) / max) * h;
    const s = figure(left + orders * (2 * bw + 10) + 10, h + 34, 'free blocks per order before and after');
    for (let i = 0; i < orders; i++) {
      const x = left + i * (2 * bw + 10);
      const hb = scale(buddy.before[i]),
        ha = scale(buddy.after[i]);
      svg('rect', { class: 'before', x, y: h - hb, width: bw, height: hb }, s).appendChild(title(`order ${i} before: ${buddy.before[i]}`));
      svg('rect', { class: 'after', x: x + bw, y: h - ha, width: bw, height: ha }, s).appendChild(title(`order ${i} after: ${buddy.after[i]}`));
      const t = svg('text', { x: x + bw, y: h + 14, 'text-anchor': 'middle' }, s);
      t.textContent = String(i);
    }
    const xl = svg('text', { x: left, y: h + 30 }, s);
    xl.textContent = 'order';
    legend([
      ['before', 'before'],
      ['after', 'after'],
    ]);
  }

  /** Powers of two between lo and hi, thinned to at most `most` ticks. @param {number} lo @param {number} hi @param {number} most */
  function log2Ticks(lo, hi, most) {
    const out = [];
    for (let v = 1; v <= hi * 2; v *= 2) if (v >= lo / 2) out.push(v);
    const step = Math.ceil(out.length / most);
    return out.filter((_, i) => i % step === 0);
  }

  /** @param {any} trace @param {number | null} pushes */
  function drawGrowth(trace, pushes) {
    el('h2', 'Growth: capacity against bytes', root);
    const allocs = trace.steps.filter((/** @type {any} */ s) => s.action === 'alloc' && s.capacity);
    if (!allocs.length) return;
    const element = trace.outcome.request.elementBytes || 1;
    const lastCap = allocs[allocs.length - 1].capacity;
    const W = 600,
      H = 260,
      left = 64,
      right = 20,
      top = 20,
      bottom = 44;
    const maxBytes = lastCap * element;
    const lx = Math.max(1, Math.log2(lastCap));
    const ly = Math.max(1, Math.log2(maxBytes));
    const xs = (/** @type {number} */ c) => left + (Math.log2(Math.max(1, c)) / lx) * (W - left - right);
    const ys = (/** @type {number} */ b) => H - bottom - (Math.log2(Math.max(1, b)) / ly) * (H - top - bottom);
    const s = figure(W, H, `buffer bytes for ${pushes ?? 'the'} pushes`);
    svg('line', { class: 'axis', x1: left, y1: H - bottom, x2: W - right, y2: H - bottom }, s);
    svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: H - bottom }, s);
    for (const c of log2Ticks(1, lastCap, 8)) {
      if (c > lastCap) continue;
      svg('line', { class: 'tick', x1: xs(c), y1: H - bottom, x2: xs(c), y2: H - bottom + 4 }, s);
      const t = svg('text', { x: xs(c), y: H - bottom + 16, 'text-anchor': 'middle' }, s);
      t.textContent = String(c);
    }
    for (const b of log2Ticks(1, maxBytes, 6)) {
      if (b > maxBytes) continue;
      svg('line', { class: 'grid', x1: left, y1: ys(b), x2: W - right, y2: ys(b) }, s);
      const t = svg('text', { x: left - 6, y: ys(b) + 4, 'text-anchor': 'end' }, s);
      t.textContent = bytes(b);
    }
    const xl = svg('text', { x: (left + W - right) / 2, y: H - 6, 'text-anchor': 'middle' }, s);
    xl.textContent = 'capacity (elements, log scale)';
    const yl = svg('text', { x: 4, y: top - 6 }, s);
    yl.textContent = 'bytes (log)';
    svg(
      'polyline',
      {
        class: 'line',
        points: allocs
          .filter((/** @type {any} */ a) => a.path !== 'fail')
          .map((/** @type {any} */ a) => `${xs(a.capacity)},${ys(a.capacity * element)}`)
          .join(' '),
      },
      s,
    );
    let lastLabelX = -Infinity,
      leftSlab = false,
      costly = false;
    for (const a of allocs) {
      const x = xs(a.capacity),
        y = ys(a.capacity * element);
      if (a.path === 'fail') {
        const m = svg('g', { class: 'fail-mark' }, s);
        svg('line', { x1: x - 5, y1: y - 5, x2: x + 5, y2: y + 5 }, m);
        svg('line', { x1: x - 5, y1: y + 5, x2: x + 5, y2: y - 5 }, m);
        m.appendChild(title(`capacity ${a.capacity}: fails${a.failure ? `: ${a.failure}` : ''}`));
        continue;
      }
      svg('circle', { class: 'mark', cx: x, cy: y, r: 3.5 }, s).appendChild(
        title(`capacity ${a.capacity}: ${bytes(a.capacity * element)} in ${a.cache ?? (a.order !== null ? `order-${a.order} pages` : a.path)}`),
      );
      // Cache labels below and right of their point, clear of the rising line, and not into the previous label.
      if (a.cache && x - lastLabelX > 64 && x < W - right - 40) {
        const t = svg('text', { x: x + 6, y: y + 14, class: 'label' }, s);
        t.textContent = a.cache;
        lastLabelX = x;
      }
      if (a.path === 'large' && !leftSlab) {
        leftSlab = true;
        svg('line', { class: 'leave', x1: x, y1: top, x2: x, y2: H - bottom }, s).appendChild(title('leaves the slab: the page allocator from here'));
      }
      if (a.path === 'large' && a.order > 3 && !costly) {
        costly = true;
        svg('line', { class: 'costly', x1: x, y1: top, x2: x, y2: H - bottom }, s).appendChild(title(`costly from here: order ${a.order} > PAGE_ALLOC_COSTLY_ORDER`));
      }
    }
    // Only what the chart draws: a legend entry for a line that is not there reads as a missing line.
    legend(
      /** @type {[string, string][]} */ ([
        ['line-swatch', 'buffer after each reallocation'],
        ...(leftSlab ? [['leave-swatch', 'leaves the slab (page allocator)']] : []),
        ...(costly ? [['costly-swatch', 'costly order (> 3)']] : []),
        ...(allocs.some((/** @type {any} */ a) => a.path === 'fail') ? [['fail-swatch', 'fails']] : []),
      ]),
    );
  }

  /**
   * The inputs form: counts, the buddy start, and (for an unknown site) the element layout.
   * @param {any} inputs @param {{ kind: string, needs?: any }} what
   */
  function controls(inputs, what) {
    const form = document.createElement('form');
    form.className = 'controls';
    /** @type {Record<string, HTMLInputElement>} */
    const fields = {};
    /** @param {string} name @param {string} text @param {number | null | undefined} value @param {number} max */
    const number = (name, text, value, max) => {
      const label = document.createElement('label');
      label.textContent = `${text} `;
      const input = document.createElement('input');
      input.type = 'number';
      input.min = '1';
      input.max = String(max);
      input.name = name;
      if (value !== null && value !== undefined) input.value = String(value);
      label.appendChild(input);
      form.appendChild(label);
      fields[name] = input;
    };
    const n = what.needs;
    if (n) {
      number('elementSize', 'Element size (B)', inputs.elementSize ?? n.elementSize, 1 << 30);
      number('elementAlign', 'align (B)', inputs.elementAlign ?? n.elementAlign ?? 8, 4096);
      if (n.asksCount) number('elementCount', 'elements per allocation', inputs.elementCount ?? n.elementCount, 1 << 24);
    } else {
      for (const key of ['elementSize', 'elementAlign', 'elementCount'])
        if (inputs[key]) number(key, key === 'elementSize' ? 'Element size (B)' : key === 'elementAlign' ? 'align (B)' : 'elements per allocation', inputs[key], 1 << 30);
    }
    number('count', what.kind === 'kvec-push' ? 'Pushes' : 'Allocations', inputs.count ?? (what.kind === 'kvec-push' ? 64 : 32), 100000);
    const memoryLabel = document.createElement('label');
    memoryLabel.textContent = 'Buddy allocator ';
    const memory = document.createElement('select');
    for (const [value, text] of [
      ['fresh', 'fresh: 1 GiB free'],
      ['fragmented', 'fragmented: nothing free above order 3'],
    ]) {
      const option = document.createElement('option');
      option.value = value;
      option.textContent = text;
      if ((inputs.memory ?? 'fresh') === value) option.selected = true;
      memory.appendChild(option);
    }
    memoryLabel.appendChild(memory);
    form.appendChild(memoryLabel);
    const button = document.createElement('button');
    button.type = 'submit';
    button.textContent = 'Simulate';
    form.appendChild(button);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      /** @type {Record<string, unknown>} */
      const message = { type: 'run', memory: memory.value };
      for (const [name, input] of Object.entries(fields)) if (input.value !== '') message[name] = Number(input.value);
      vscode.postMessage(message);
    });
    root.appendChild(form);
  }

  /** The site under every profile, other NR_CPUS and another kernel (rows from the server). @param {any[]} rows */
  function drawCompare(rows) {
    if (!rows || !rows.length) return;
    el('h2', 'Compare targets', root);
    const table = document.createElement('table');
    table.className = 'compare';
    const head = document.createElement('tr');
    for (const h of ['target', 'page size', 'NR_CPUS', 'kernel', 'lands']) el('th', h, head);
    table.appendChild(head);
    let previous = null;
    for (const r of rows) {
      const tr = document.createElement('tr');
      if (r.current) tr.className = 'current';
      if (previous !== null && previous !== r.varies) tr.classList.add('group');
      previous = r.varies;
      el('td', `${r.profile}${r.current ? ' (now)' : ''}`, tr);
      el('td', bytes(r.pageSize), tr);
      el('td', String(r.nrCpus), tr);
      el('td', r.kernel, tr);
      el('td', `${r.lands}${r.slabOrder !== null ? ` · slab order ${r.slabOrder}` : ''}`, tr);
      table.appendChild(tr);
    }
    const wrap = document.createElement('div');
    wrap.className = 'table-wrap';
    wrap.appendChild(table);
    root.appendChild(wrap);
  }

  /** The notes behind the hover's short answer. @param {string[]} notes */
  function drawNotes(notes) {
    if (!notes.length) return;
    el('h2', 'Notes', root);
    const list = document.createElement('ul');
    for (const n of notes) el('li', n, list);
    root.appendChild(list);
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
    if (message.type === 'needs') {
      root.replaceChildren();
      el('h1', 'Give the size the source does not fix', root);
      const m = String(message.message);
      el('p', `${m.charAt(0).toUpperCase()}${m.slice(1)}. Enter it, and the site is simulated with it.`, root);
      controls(message.inputs, { kind: message.needs.kind, needs: message.needs });
      return;
    }
    if (message.type !== 'trace') return;
    const { result, inWorkspace, inputs } = message;
    root.replaceChildren();
    const { site, trace } = result;
    const o = trace.outcome;
    el('h1', `${site.call} (line ${site.line})`, root);
    el(
      'p',
      `${trace.kind === 'kvec-push' ? 'Pushes into an empty vector' : 'Live allocations'}: ${count(trace.totals.operations, 'allocator operation')}, ${trace.totals.failures} failed · ${o.profile.name}, ${bytes(o.profile.pageSize)} pages, ${o.profile.nrCpus} CPUs, kernel ${o.kernel.version}${inputs.memory === 'fragmented' ? ' · fragmented buddy allocator' : ''}`,
      root,
    ).className = 'summary';
    controls(inputs, { kind: trace.kind });
    // Pictures first: where it lands and how it grows; then the buddy lists, the chain and the notes.
    drawOutcome(o, trace);
    drawCompare(result.compare);
    if (trace.kind === 'kvec-push') drawGrowth(trace, inputs.count ?? null);
    drawBuddy(trace.buddy, trace.totals);
    drawChain(o.chain, inWorkspace);
    drawNotes([...o.notes, ...trace.notes]);
  });

  vscode.postMessage({ type: 'ready' });
})();

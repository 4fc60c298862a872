// DOM glue for the Rust shell (src/web): the browser APIs that web-sys has no stable
// bindings for (composed ranges, the Custom Highlight API, share with files) and the
// fiddly geometry. Offsets crossing into Rust are UTF-16 offsets within one body block.

const HIGHLIGHT = 'essay-embed-quote';

/** The node's ancestor (or itself) that lives in the document, stepping out of shadow roots. */
function inDocument(node) {
  let n = node;
  while (n && n.getRootNode() !== document && n.getRootNode().host) n = n.getRootNode().host;
  return n;
}

/** -1 when `node` comes before `host` in the document, 1 after, 0 inside it. */
function side(node, host) {
  const n = inDocument(node);
  if (n === host || host.contains(n)) return 0;
  return host.compareDocumentPosition(n) & Node.DOCUMENT_POSITION_PRECEDING ? -1 : 1;
}

/**
 * The selection as a live Range inside `root` (a shadow root, or the element itself when its
 * essay is in the light DOM), clipped to it; null if it misses the root.
 */
function selectionRange(root) {
  const selection = document.getSelection();
  // Not `isCollapsed`: for a selection inside a shadow root, the document's selection is
  // retargeted to the host and reads as collapsed there.
  if (!selection || selection.rangeCount === 0 || selection.type !== 'Range') return null;
  const shadow = root instanceof ShadowRoot;
  let start, startOffset, end, endOffset;
  if (selection.getComposedRanges) {
    const [r] = selection.getComposedRanges({ shadowRoots: shadow ? [root] : [] });
    if (!r) return null;
    ({ startContainer: start, startOffset, endContainer: end, endOffset } = r);
  } else if (!shadow) {
    ({ startContainer: start, startOffset, endContainer: end, endOffset } = selection.getRangeAt(0));
  } else if (root.getSelection) {
    const s = root.getSelection();
    if (!s || s.rangeCount === 0) return null;
    const r = s.getRangeAt(0);
    ({ startContainer: start, startOffset, endContainer: end, endOffset } = r);
  } else {
    return null;
  }
  const host = shadow ? root.host : root;
  const range = document.createRange();
  if (root.contains(start)) range.setStart(start, startOffset);
  else if (side(start, host) < 0) range.setStart(root, 0);
  else return null;
  if (root.contains(end)) range.setEnd(end, endOffset);
  else if (side(end, host) > 0) range.setEnd(root, root.childNodes.length);
  else return null;
  return range.collapsed ? null : range;
}

function offsetIn(block, node, offset) {
  const r = document.createRange();
  r.setStart(block, 0);
  r.setEnd(node, offset);
  return r.toString().length;
}

/**
 * The selection inside `root`'s essay body, clipped to body blocks (pull quotes, UI, other
 * widgets and the host page are left out): [firstBlock, startOffset, lastBlock, endOffset]
 * (offsets in UTF-16 code units within their blocks) or null.
 */
export function selected_blocks(root) {
  const range = selectionRange(root);
  if (!range) return null;
  // The blocks the range meets are a run in document order: found by bisection, so a
  // selection costs the same in a long essay as in a short one.
  const blocks = root.querySelectorAll('.ee-body > [data-block]');
  const side = (block) => (range.intersectsNode(block) ? 0 : range.comparePoint(block, block.childNodes.length) < 0 ? -1 : 1);
  const firstWhere = (ok) => {
    let lo = 0, hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ok(side(blocks[mid]))) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const from = firstWhere((s) => s >= 0);
  const to = firstWhere((s) => s > 0) - 1;
  if (from > to) return null;
  const first = blocks[from], last = blocks[to];
  const startOffset = first.contains(range.startContainer) ? offsetIn(first, range.startContainer, range.startOffset) : 0;
  const endOffset = last.contains(range.endContainer) ? offsetIn(last, range.endContainer, range.endOffset) : last.textContent.length;
  return [Number(first.dataset.block), startOffset, Number(last.dataset.block), endOffset];
}

/** The viewport rectangle of the selection's end, to place the popover near it. */
function selectionEndRect(root) {
  const range = selectionRange(root);
  if (!range) return null;
  const rects = range.getClientRects();
  return rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
}

/** A point in a block: the text node and offset at UTF-16 offset `offset`. */
function pointIn(block, offset) {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let left = offset, node = null;
  while ((node = walker.nextNode())) {
    if (left <= node.length) return [node, left];
    left -= node.length;
  }
  return [block, block.childNodes.length];
}

/**
 * Live Ranges over block offsets, one per body block: what lies between blocks (a pull
 * quote, its Share button, a notice) is not part of the passage. Empty if the first or last
 * block is not there.
 */
function blockRanges(root, firstBlock, startOffset, lastBlock, endOffset) {
  const block = (i) => root.querySelector(`.ee-body > [data-block="${i}"]`);
  if (!block(firstBlock) || !block(lastBlock)) return [];
  const ranges = [];
  for (let i = firstBlock; i <= lastBlock; i++) {
    const b = block(i);
    if (!b) continue;
    const range = document.createRange();
    if (i === firstBlock) range.setStart(...pointIn(b, startOffset));
    else range.setStart(b, 0);
    if (i === lastBlock) range.setEnd(...pointIn(b, endOffset));
    else range.setEnd(b, b.childNodes.length);
    if (!range.collapsed) ranges.push(range);
  }
  return ranges;
}

/** Wraps each text node of `range` in <mark> (browsers without the Highlight API). */
function markRange(range) {
  const walker = document.createTreeWalker(range.commonAncestorContainer.nodeType === 3
    ? range.commonAncestorContainer.parentNode : range.commonAncestorContainer, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let n;
  while ((n = walker.nextNode())) if (range.intersectsNode(n)) nodes.push(n);
  let first = null;
  for (const node of nodes) {
    let text = node;
    if (node === range.endContainer && range.endOffset < node.length) text.splitText(range.endOffset);
    if (node === range.startContainer && range.startOffset > 0) text = text.splitText(range.startOffset);
    if (!text.length) continue;
    const mark = document.createElement('mark');
    mark.className = 'ee-highlight';
    text.parentNode.insertBefore(mark, text);
    mark.appendChild(text);
    first ??= mark;
  }
  return first;
}

/**
 * Highlights block offsets in `root` and scrolls them into view. Returns the text
 * highlighted (the blocks' parts joined by a blank line, as in the essay's plain text), or
 * null when the blocks are missing.
 */
export function highlight(root, firstBlock, startOffset, lastBlock, endOffset) {
  const ranges = blockRanges(root, firstBlock, startOffset, lastBlock, endOffset);
  if (!ranges.length) return null;
  const text = ranges.map((r) => r.toString()).join('\n\n');
  let target;
  if (globalThis.CSS?.highlights && globalThis.Highlight) {
    const existing = CSS.highlights.get(HIGHLIGHT);
    if (existing) for (const range of ranges) existing.add(range);
    else CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
    const [first] = ranges;
    target = first.startContainer.nodeType === 3 ? first.startContainer.parentElement : first.startContainer;
  } else {
    // Each block's marks before the next: marking splits only that block's text nodes.
    for (const range of ranges) {
      const mark = markRange(range);
      target ??= mark;
    }
  }
  target?.scrollIntoView({ block: 'center', behavior: 'instant' });
  return text;
}

/** Places `popover` under `anchor` (an element or null for the selection), inside the `.ee` root. */
export function place(root, popover, anchor) {
  const frame = popover.parentElement;
  const rect = anchor ? anchor.getBoundingClientRect() : selectionEndRect(root);
  const narrow = frame.getBoundingClientRect().width < 560 || matchMedia('(pointer: coarse)').matches;
  popover.toggleAttribute('data-sheet', narrow);
  if (narrow || !rect) return;
  const box = frame.getBoundingClientRect();
  const width = popover.offsetWidth;
  // A right-to-left popover opens from the right: its right edge under the anchor's.
  if (getComputedStyle(popover).direction === 'rtl') {
    const right = Math.max(8, Math.min(box.right - rect.right, box.width - width - 8));
    popover.style.left = 'auto';
    popover.style.right = `${right}px`;
  } else {
    const left = Math.max(8, Math.min(rect.left - box.left, box.width - width - 8));
    popover.style.right = 'auto';
    popover.style.left = `${left}px`;
  }
  popover.style.top = `${rect.bottom - box.top + 8}px`;
}

/** The deepest focused element, through open shadow roots. */
export function deep_active_element() {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/** Whether `event`'s path passes through `node`. */
export function event_within(event, node) {
  return event.composedPath().includes(node);
}

export function can_share() {
  return typeof navigator.share === 'function';
}

/**
 * When `promise` settles, says `done` (it resolved truthy, and not 'failed') or `failed` in
 * the live region of `popover`.
 */
export function announce(promise, popover, done, failed) {
  promise.then((v) => !!v && v !== 'failed', () => false).then((ok) => {
    const live = popover.querySelector('.ee-live');
    if (live) live.textContent = ok ? done : failed;
  });
}

/**
 * GETs `url` with `platform.fetch` (the page's fetch as the entry script captured it): CORS,
 * credentials only for the same origin (content is public; a partner's cookies are none of
 * our business), aborted after `seconds`. Calls `done(outcome, status, contentType, text)`
 * once, outcome being 0 (a body), 1 (an HTTP error status), 2 (timed out) or 3 (no response).
 */
export function fetch_text(platform, url, seconds, done) {
  const signal = AbortSignal.timeout(seconds * 1000);
  let status = 0, type = null;
  Promise.resolve()
    .then(() => {
      const fetch = platform.fetch;
      return fetch(new Request(url, { mode: 'cors', credentials: 'same-origin', signal }));
    })
    .then((response) => {
      if (!(response instanceof Response)) throw new TypeError('not a Response');
      status = response.status;
      if (!response.ok) return null;
      type = response.headers.get('content-type');
      return response.text();
    })
    .then(
      (text) => callBack(platform, done, text === null ? 1 : 0, status, type, text),
      () => callBack(platform, done, signal.aborted ? 2 : 3, 0, null, null),
    );
}

/**
 * Calls `done` (into the wasm) unless the view was abandoned (`platform.revoked`: its
 * renderer crashed); a trap in it goes to the entry script, which starts a fresh renderer.
 */
function callBack(platform, done, ...args) {
  if (platform.revoked) return;
  try {
    done(...args);
  } catch (error) {
    platform.crashed(error);
  }
}



/** Fires `name` on `host`: bubbling and composed (it leaves the shadow root), with `detail`. */
export function emit(host, name, detail) {
  host.dispatchEvent(new CustomEvent(name, { bubbles: true, composed: true, detail }));
}

/** The page's URL. (`gloo_utils::window().location().href()` in Rust instead of this and
 * `page_hash` was measured: 1.3 KB gzip more wasm, for web-sys's lookup of the global
 * object and the `Window` check.) */
export function page_url() {
  return location.href;
}

/** The page's URL fragment, with its `#`. */
export function page_hash() {
  return location.hash;
}

/** Scrolls `element` into view as little as it takes (a notice above a highlight already
 * scrolled to). */
export function reveal(element) {
  element.scrollIntoView({ block: 'nearest', behavior: 'instant' });
}

/** Writes text to the clipboard; resolves to whether it worked. */
export async function copy_text(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** The system share sheet; resolves to whether something was shared. */
export async function share_native(title, text, url) {
  try {
    await navigator.share({ title, text, url });
    return true;
  } catch {
    return false;
  }
}

/** Opens a share composer in a new tab (noopener), or the mail client for mailto:. */
export function open_url(url) {
  const a = document.createElement('a');
  a.href = url;
  if (!url.startsWith('mailto:')) {
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  a.click();
}

/** Wraps `text` into lines no wider than `width` on `ctx`. */
function wrap(ctx, text, width) {
  const words = text.split(/(\s+)/);
  const lines = [];
  let line = '';
  for (const word of words) {
    const candidate = line + word;
    if (ctx.measureText(candidate).width <= width || !line.trim()) {
      line = candidate;
      // A word (or CJK run) wider than the line: break it by characters.
      while (ctx.measureText(line).width > width && line.length > 1) {
        let cut = line.length - 1;
        while (cut > 1 && ctx.measureText(line.slice(0, cut)).width > width) cut--;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
      }
    } else {
      lines.push(line.trimEnd());
      line = word.trimStart();
    }
  }
  if (line.trim()) lines.push(line.trimEnd());
  return lines;
}

/**
 * Draws the quote on a 1200×630 canvas (author, title, publication under it) and shares it
 * as a file where the browser can, else downloads it. Resolves to 'shared', 'downloaded'
 * or 'failed'.
 */
export async function quote_image(quote, attribution, publication, colors, fileName, dir) {
  try {
    const canvas = document.createElement('canvas');
    canvas.width = 1200;
    canvas.height = 630;
    const ctx = canvas.getContext('2d');
    const [bg, text, accent, muted] = colors;
    // Right to left: the bar on the right, lines set from the right.
    const rtl = dir === 'rtl', x = rtl ? 1070 : 130;
    ctx.direction = rtl ? 'rtl' : 'ltr';
    ctx.textAlign = 'start';
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, 1200, 630);
    ctx.fillStyle = accent;
    ctx.fillRect(rtl ? 1108 : 80, 80, 12, 470);
    // Arabic, Hebrew, Indic and CJK scripts have no italics: no synthetic slant for them.
    const style = /[\u0590-\u08ff\u0900-\u0dff\u2e80-\u9fff\uac00-\ud7af]/.test(quote) ? '' : 'italic ';
    let size = 52, lines;
    do {
      ctx.font = `${style}${size}px Georgia, 'Times New Roman', serif`;
      lines = wrap(ctx, `“${quote}”`, 960);
      size -= 4;
    } while (lines.length * size * 1.3 > 380 && size > 24);
    const lineHeight = (size + 4) * 1.3;
    lines = lines.slice(0, Math.floor(380 / lineHeight));
    ctx.fillStyle = text;
    ctx.textBaseline = 'top';
    lines.forEach((l, i) => ctx.fillText(l, x, 90 + i * lineHeight));
    ctx.font = `600 28px system-ui, sans-serif`;
    ctx.fillStyle = text;
    wrap(ctx, attribution, 960).slice(0, 2).forEach((l, i) => ctx.fillText(l, x, 480 + i * 36));
    ctx.font = `24px system-ui, sans-serif`;
    ctx.fillStyle = muted;
    ctx.fillText(publication, x, 560);
    const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/png'));
    if (!blob) return 'failed';
    const file = new File([blob], fileName, { type: 'image/png' });
    if (navigator.canShare?.({ files: [file] })) {
      try {
        await navigator.share({ files: [file], title: attribution });
        return 'shared';
      } catch { /* cancelled: fall back to a download */ }
    }
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return 'downloaded';
  } catch {
    return 'failed';
  }
}

/** The computed value of a custom property on `el` (for the quote image's colours). */
export function css_var(el, name, fallback) {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

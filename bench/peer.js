// The JS peer: what a site would write instead of essay-embed, marked + DOMPurify (npm,
// versions pinned in package.json) rendering the same content JSON into a shadow root.
// `<peer-embed>` takes `.data` (a document object or its JSON text) or a child
// `<script type="application/json">`, and fires `essay-embed:ready` like the widget.
import { marked } from './vendor/marked.js';
import DOMPurify from './vendor/purify.js';

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** The peer's HTML for a content document (its first essay, as an article). */
export function renderPeer(content) {
  const doc = typeof content === 'string' ? JSON.parse(content) : content;
  const essay = doc.essays ? doc.essays[0] : doc;
  const authors = (essay.authors ?? []).map((a) => esc(a.name)).join(', ');
  return `<article class="peer">${essay.kicker ? `<p class="kicker">${esc(essay.kicker)}</p>` : ''}`
    + `<h1>${esc(essay.title)}</h1>${essay.dek ? `<p class="dek">${esc(essay.dek)}</p>` : ''}`
    + `<p class="byline">By ${authors}</p>`
    + `<div class="body">${DOMPurify.sanitize(marked.parse(essay.body ?? ''))}</div></article>`;
}

class PeerEmbed extends HTMLElement {
  connectedCallback() {
    const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    if (PeerEmbed.sheets) root.adoptedStyleSheets = PeerEmbed.sheets;
    const content = this.data ?? this.querySelector(':scope > script[type="application/json"]')?.textContent;
    root.innerHTML = renderPeer(content);
    this.dispatchEvent(new CustomEvent('essay-embed:ready', { bubbles: true, composed: true, detail: { mode: 'article' } }));
  }
}
/** Stylesheets to adopt (the bench gives the peer the widget's, so layout work is alike). */
PeerEmbed.sheets = null;

if (!customElements.get('peer-embed')) customElements.define('peer-embed', PeerEmbed);
export { PeerEmbed };

// Type-checked by tests/e2e/types.test.mjs (tsc --noEmit --strict against pkg/): how a
// TypeScript page uses the element, its events and the content types. Each
// `@ts-expect-error` line must fail to type-check, or tsc reports the directive unused.
import {
  renderToString,
  type EssayEmbedAttributes,
  type EssayEmbedContent,
  type EssayEmbedDocument,
  type EssayEmbedEssay,
  type EssayEmbedElement,
} from '../../pkg/essay-embed.js';

const el: EssayEmbedElement = document.createElement('essay-embed');
const found: EssayEmbedElement | null = document.querySelector('essay-embed');

const essay: EssayEmbedEssay = {
  id: 'a',
  title: 'A title',
  authors: [{ name: 'Ada', url: 'https://ada.example/' }],
  pull_quotes: ['A sentence.', { text: 'Another.' }],
  body: 'A sentence. Another.',
};
const doc: EssayEmbedDocument = { version: 1, essays: [essay], strings: { read_essay: 'Read' } };
el.data = doc;
el.data = '{"title":"JSON text"}';
el.data = { title: 'A bare essay' };

const attributes: EssayEmbedAttributes = { mode: 'card', loading: 'eager', theme: 'dark', 'heading-level': '3', timeout: '20' };
for (const name of Object.keys(attributes) as (keyof EssayEmbedAttributes)[]) {
  el.setAttribute(name, attributes[name] ?? '');
}

el.addEventListener('essay-embed:ready', (e) => {
  const paths: string[] = e.detail.warnings.map((w) => w.path);
  const mode: 'article' | 'card' | 'series' = e.detail.mode;
  console.log(paths, mode, e.detail.hydrated);
});
el.addEventListener('essay-embed:error', (e) => {
  const code: string = e.detail.code;
  const problems: string[] = e.detail.problems;
  console.log(code, problems, e.detail.url);
});
el.addEventListener('essay-embed:share', (e) => {
  const { target, text, url } = e.detail;
  console.log(target.toUpperCase(), text.length, new URL(url));
});

const content: EssayEmbedContent = doc;
const html: Promise<string> = renderToString(content, { mode: 'series' });
console.log(found, html);

// The negative cases: each must be a type error.
// @ts-expect-error: an essay needs a title
const untitled: EssayEmbedEssay = { id: 'b' };
// @ts-expect-error: an author is an object, not a string
const stringAuthor: EssayEmbedEssay = { title: 'T', authors: ['Ada'] };
// @ts-expect-error: a pull quote is a string or {text}
const numberQuote: EssayEmbedEssay = { title: 'T', pull_quotes: [3] };
// @ts-expect-error: the version is a number
const stringVersion: EssayEmbedDocument = { version: '1', essays: [] };
// @ts-expect-error: no such mode
const poster: EssayEmbedAttributes = { mode: 'poster' };
el.addEventListener('essay-embed:share', (e) => {
  // @ts-expect-error: the share detail has no `quote`
  console.log(e.detail.quote);
});
el.addEventListener('essay-embed:ready', (e) => {
  // @ts-expect-error: warnings are objects with a path, not strings
  const first: string = e.detail.warnings[0];
  console.log(first);
});
console.log(untitled, stringAuthor, numberQuote, stringVersion, poster);

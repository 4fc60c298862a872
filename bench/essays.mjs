// Deterministic synthetic essays for the benchmarks: Markdown that looks like a long essay
// (headings, paragraphs with emphasis, links and code, lists, block quotes, footnotes, a table
// now and then), from a seeded generator, so every run and every machine renders the same bytes.

const WORDS = ('the of and to in a is that for it as was with be by on not he this are or his from at which '
  + 'but have an they you were her she there one all we their has been if more when will would who so no '
  + 'arms control treaty verification missile nuclear deterrence strategic stability dialogue Beijing '
  + 'Washington Moscow policy transparency warhead doctrine alliance crisis escalation entanglement '
  + 'conventional forces negotiation confidence measures inspection régime naïve coöperation façade — '
  + 'history argument evidence reader essay chapter footnote source archive interview 2020 1987 45%').split(' ');

/** mulberry32: a small seeded PRNG (deterministic across engines). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(r, words) {
  const n = 8 + Math.floor(r() * 18);
  const out = [];
  for (let i = 0; i < n; i++) {
    let w = WORDS[Math.floor(r() * WORDS.length)];
    const x = r();
    if (x < 0.03) w = `*${w}*`;
    else if (x < 0.045) w = `**${w}**`;
    else if (x < 0.055) w = `[${w}](https://example.org/${w.length}/${i})`;
    else if (x < 0.06) w = `\`${w}()\``;
    out.push(w);
  }
  words.n += n;
  const s = out.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (r() < 0.1 ? '?' : '.');
}

function paragraph(r, words) {
  const n = 3 + Math.floor(r() * 5);
  return Array.from({ length: n }, () => sentence(r, words)).join(' ');
}

/**
 * Markdown of about `target` words (`{ words }`) or `target` bytes (`{ bytes }`), from `seed`.
 * Returns `{ markdown, words, bytes }`.
 */
export function markdown({ words: wordTarget, bytes: byteTarget, seed = 1 }) {
  const r = rng(seed);
  const words = { n: 0 };
  const blocks = [];
  let bytes = 0;
  let notes = 0;
  let section = 0;
  const more = () => (wordTarget ? words.n < wordTarget : bytes < byteTarget);
  while (more()) {
    const x = r();
    let block;
    if (blocks.length % 12 === 0) block = `## ${sentence(r, words).slice(0, -1)} ${++section}`;
    else if (x < 0.06) block = Array.from({ length: 3 + Math.floor(r() * 4) }, () => `- ${sentence(r, words)}`).join('\n');
    else if (x < 0.10) block = `> ${paragraph(r, words)}`;
    else if (x < 0.13) {
      notes++;
      block = `${paragraph(r, words)}[^n${notes}]\n\n[^n${notes}]: ${sentence(r, words)}`;
    } else if (x < 0.14) {
      block = '| year | warheads | share |\n|---|---:|---:|\n'
        + Array.from({ length: 4 }, (_, i) => `| ${1990 + i * 10} | ${Math.floor(r() * 9000)} | ${Math.floor(r() * 100)}% |`).join('\n');
    } else block = paragraph(r, words);
    blocks.push(block);
    bytes += Buffer.byteLength(block) + 2;
  }
  const text = blocks.join('\n\n');
  return { markdown: text, words: words.n, bytes: Buffer.byteLength(text) };
}

/** A version-1 content document holding one essay with `body`. */
export function documentFor(body, { id = 'bench', title = 'A Long Essay on Arms Control' } = {}) {
  return {
    version: 1,
    publication: { name: 'Bench Review', url: 'https://example.org/' },
    essays: [{
      id, title, kicker: 'Benchmark', dek: 'Synthetic, generated deterministically.',
      authors: [{ name: 'Ada Writer', role: 'Fellow' }],
      published: '2020-09-09', lang: 'en', body,
    }],
  };
}

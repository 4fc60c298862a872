//! Native throughput of the core (criterion; `make bench`, or `cargo bench --bench core`):
//! essay-embed's Markdown renderer and the full article render next to plain
//! `pulldown_cmark::html::push_html` on the same Markdown (same extensions), for the seed
//! essay, a synthetic 20,000-word essay and 1 MB of Markdown. The synthetic essays are
//! generated from a fixed seed, so every run measures the same bytes.
//!
//!
//! Re-anchoring: a share link made for a 200-character passage of a 100,000-character essay,
//! found again (`DeepLink::anchor`) in the same essay and in one where the passage was edited
//! at its head, middle and tail.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use essay_embed::internals::markdown;
use essay_embed::{load, render, DeepLink, Projection, RenderOptions};
use pulldown_cmark::{html, Options, Parser};
use std::hint::black_box;
use std::time::Duration;

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "was",
    "with",
    "be",
    "by",
    "on",
    "not",
    "this",
    "are",
    "or",
    "from",
    "at",
    "which",
    "but",
    "have",
    "an",
    "they",
    "arms",
    "control",
    "treaty",
    "verification",
    "missile",
    "nuclear",
    "deterrence",
    "strategic",
    "stability",
    "dialogue",
    "Beijing",
    "Washington",
    "Moscow",
    "policy",
    "transparency",
    "warhead",
    "doctrine",
    "alliance",
    "crisis",
    "escalation",
    "entanglement",
    "negotiation",
    "régime",
    "naïve",
    "coöperation",
    "façade",
    "—",
    "history",
    "argument",
    "evidence",
    "2020",
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(r: &mut Rng, out: &mut String, words: &mut usize) {
    let n = 8 + r.below(18);
    for i in 0..n {
        let w = WORDS[r.below(WORDS.len())];
        if i > 0 {
            out.push(' ');
        }
        match r.below(200) {
            0..=5 => out.push_str(&format!("*{w}*")),
            6..=8 => out.push_str(&format!("**{w}**")),
            9..=10 => out.push_str(&format!("[{w}](https://example.org/{i})")),
            11 => out.push_str(&format!("`{w}()`")),
            _ => out.push_str(w),
        }
    }
    out.push_str(". ");
    *words += n;
}

/// Essay-like Markdown (headings, paragraphs with inline markup, lists, quotes, footnotes,
/// tables) until `words` words or `bytes` bytes.
fn synthetic(words_target: usize, bytes_target: usize, seed: u64) -> String {
    let mut r = Rng(seed.max(1));
    let (mut out, mut words, mut blocks, mut notes) = (String::new(), 0, 0, 0);
    while (words_target > 0 && words < words_target)
        || (bytes_target > 0 && out.len() < bytes_target)
    {
        if blocks % 12 == 0 {
            out.push_str("## ");
            sentence(&mut r, &mut out, &mut words);
        } else {
            match r.below(100) {
                0..=5 => {
                    for _ in 0..3 + r.below(4) {
                        out.push_str("- ");
                        sentence(&mut r, &mut out, &mut words);
                        out.push('\n');
                    }
                }
                6..=9 => {
                    out.push_str("> ");
                    sentence(&mut r, &mut out, &mut words);
                }
                10..=12 => {
                    notes += 1;
                    sentence(&mut r, &mut out, &mut words);
                    out.push_str(&format!("[^n{notes}]\n\n[^n{notes}]: "));
                    sentence(&mut r, &mut out, &mut words);
                }
                13 => out
                    .push_str("| year | warheads |\n|---|---:|\n| 1990 | 9000 |\n| 2020 | 3750 |"),
                _ => {
                    for _ in 0..3 + r.below(5) {
                        sentence(&mut r, &mut out, &mut words);
                    }
                }
            }
        }
        out.push_str("\n\n");
        blocks += 1;
    }
    out
}

/// A one-essay content document with `body`, as JSON text.
fn document(body: &str) -> String {
    let mut escaped = String::with_capacity(body.len() + body.len() / 8);
    for c in body.chars() {
        match c {
            '"' => escaped.push_str("\\\""),
            '\\' => escaped.push_str("\\\\"),
            '\n' => escaped.push_str("\\n"),
            c => escaped.push(c),
        }
    }
    format!(
        r#"{{"version":1,"publication":{{"name":"Bench Review"}},"essays":[{{"id":"bench","title":"A Long Essay","authors":[{{"name":"Ada Writer"}}],"published":"2020-09-09","lang":"en","body":"{escaped}"}}]}}"#
    )
}

fn cases() -> Vec<(&'static str, String, String)> {
    let seed_json = include_str!("../www/content/reinventing-nuclear-arms-control.json").to_owned();
    let seed_md = load(&seed_json)
        .ok()
        .and_then(|l| l.document.essays.first().and_then(|e| e.body.clone()))
        .unwrap_or_default();
    let words = synthetic(20_000, 0, 20);
    let mb = synthetic(0, 1_000_000, 1000);
    vec![
        ("seed essay", seed_md, seed_json),
        ("20k words", document(&words), String::new()),
        ("1 MB", document(&mb), String::new()),
    ]
    .into_iter()
    .map(|(name, a, b)| {
        // For the synthetic cases `a` is the document; take the Markdown back out of it.
        if b.is_empty() {
            let md = load(&a)
                .ok()
                .and_then(|l| l.document.essays.first().and_then(|e| e.body.clone()))
                .unwrap_or_default();
            (name, md, a)
        } else {
            (name, a, b)
        }
    })
    .collect()
}

fn core(c: &mut Criterion) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for (name, markdown, json) in cases() {
        assert!(!markdown.is_empty(), "{name}: no Markdown");
        let mut group = c.benchmark_group(name);
        group
            .sample_size(10)
            .warm_up_time(Duration::from_secs(1))
            .measurement_time(Duration::from_secs(3));
        group.throughput(Throughput::Bytes(markdown.len() as u64));
        group.bench_function(
            BenchmarkId::from_parameter("pulldown_cmark push_html"),
            |b| {
                b.iter(|| {
                    let mut out = String::with_capacity(markdown.len() * 3 / 2);
                    html::push_html(&mut out, Parser::new_ext(black_box(&markdown), options));
                    out
                })
            },
        );
        group.bench_function(
            BenchmarkId::from_parameter("essay_embed markdown::render"),
            |b| b.iter(|| markdown::render(black_box(&markdown), 2)),
        );
        let loaded = load(&json).expect("valid bench document");
        group.bench_function(
            BenchmarkId::from_parameter("essay_embed render::render"),
            |b| {
                b.iter(|| {
                    render(black_box(&loaded.document), &RenderOptions::default()).map(|r| r.html)
                })
            },
        );
        group.bench_function(
            BenchmarkId::from_parameter("essay_embed model::load + render"),
            |b| {
                b.iter(|| {
                    let loaded = load(black_box(&json)).expect("valid");
                    render(&loaded.document, &RenderOptions::default()).map(|r| r.html)
                })
            },
        );
        group.finish();
    }
}

/// A 200-character passage of plain text (no inline markup: the same characters in the
/// Markdown and in the projection) from the middle of `markdown`.
fn plain_passage(markdown: &str) -> &str {
    let mut run_start = markdown.len() / 2;
    for (i, c) in markdown[run_start..].char_indices() {
        let at = markdown.len() / 2 + i;
        if matches!(
            c,
            '*' | '[' | ']' | '`' | '\n' | '|' | '>' | '#' | '_' | '\\' | '-'
        ) {
            run_start = at + c.len_utf8();
        } else if markdown[run_start..at].len() >= 400 {
            let run = &markdown[run_start..at];
            let start = run[40..].find(' ').map_or(40, |s| 40 + s + 1);
            let end = run[start..]
                .char_indices()
                .nth(200)
                .map_or(run.len(), |(i, _)| start + i);
            return &run[start..end];
        }
    }
    panic!("no plain passage of 400 bytes in the re-anchoring essay")
}

/// The passage copy-edited at its head, middle and tail: a word inserted after its second
/// word, one dropped from its middle, and a letter of its second-to-last word doubled.
/// (bench/run.mjs edits its passage the same way.)
fn edited(quote: &str) -> String {
    let mut words: Vec<String> = quote.split(' ').map(str::to_owned).collect();
    words.insert(2, "very".to_owned());
    words.remove(words.len() / 2);
    let n = words.len();
    let word = &mut words[n - 2];
    if let Some(c) = word.chars().next() {
        word.insert(0, c);
    }
    words.join(" ")
}

fn anchoring(c: &mut Criterion) {
    let markdown = synthetic(0, 104_000, 7);
    let quote = plain_passage(&markdown).to_owned();
    let changed = edited(&quote);
    let original = Projection::from_blocks(&markdown::render(&markdown, 2));
    let start = original
        .text
        .find(&quote)
        .expect("the passage is in the projection");
    let link = DeepLink::new("bench", &original, start, start + quote.len()).expect("a link");
    // As a reader arrives: the link read back from its fragment (head and tail only).
    let link = DeepLink::parse(&link.fragment()).expect("the link parses");
    let rewritten = markdown.replacen(&quote, &changed, 1);
    let edited_projection = Projection::from_blocks(&markdown::render(&rewritten, 2));
    let found = link
        .anchor(&edited_projection)
        .expect("the edited passage is found");
    assert_eq!(&edited_projection.text[found.start..found.end], changed);
    assert!(original.text.chars().count() >= 95_000);

    let mut group = c.benchmark_group("anchoring");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    group.bench_function(BenchmarkId::from_parameter("unchanged quote"), |b| {
        b.iter(|| link.anchor(black_box(&original)))
    });
    group.bench_function(BenchmarkId::from_parameter("edited quote"), |b| {
        b.iter(|| link.anchor(black_box(&edited_projection)))
    });
    group.finish();
}

criterion_group!(benches, core, anchoring);
criterion_main!(benches);

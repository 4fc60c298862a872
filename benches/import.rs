//! `essay-embed import` of a generated 1,000-item RSS 2.0 feed (criterion; `make bench`, or
//! `cargo bench --bench import`): the time of `import::import` on the feed's bytes, and the
//! peak memory (maximum resident set size, from `getrusage`) of the CLI importing the same
//! feed from a file, written to `target/import-bench.json` for `bench/run.mjs`.
//!
//! Each item is shaped like a WordPress post: a lead figure, a dozen paragraphs with links and
//! emphasis, a heading, a list, a pull quote repeating a sentence, a script and an iframe that
//! must go, categories and an author. The words come from a fixed seed, so every run
//! measures the same bytes. Under `cargo test` (no `--bench`) it imports a 20-item feed
//! once and skips the memory runs: a check that the bench works, not a measurement.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use essay_embed::import::{self, Options};
use std::fmt::Write as _;
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

/// The feed's items under `cargo bench`.
const ITEMS: usize = 1000;

fn measuring() -> bool {
    std::env::args().any(|a| a == "--bench")
}

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
    "harbour",
    "tide",
    "barrier",
    "river",
    "engineer",
    "storm",
    "surge",
    "city",
    "dike",
    "water",
    "negotiate",
    "floodplain",
    "channel",
    "budget",
    "appendix",
    "ferry",
    "bridge",
];

/// A small deterministic generator (xorshift), so the feed is the same on every run.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        WORDS[(self.0 % WORDS.len() as u64) as usize]
    }

    fn sentence(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.next());
        }
        let mut chars = s.chars();
        let first = chars.next().map(|c| c.to_ascii_uppercase()).unwrap_or('A');
        format!("{first}{}.", chars.as_str())
    }
}

fn item_html(i: usize, words: &mut Words) -> String {
    let quote = words.sentence(12);
    let mut html = format!(
        "<figure class=\"wp-block-image\"><img src=\"/uploads/{i}/lead.jpg\" alt=\"Lead image {i}\"><figcaption>{}</figcaption></figure>",
        words.sentence(8)
    );
    for p in 0..12 {
        let _ = write!(
            html,
            "<p>{} <a href=\"/essays/{p}/\">{}</a> <em>{}</em> {}</p>",
            words.sentence(20),
            words.next(),
            words.next(),
            if p == 3 {
                quote.clone()
            } else {
                words.sentence(15)
            }
        );
        if p == 3 {
            let _ = write!(html, "<figure class=\"wp-block-pullquote\"><blockquote><p>{quote}</p><cite>An engineer</cite></blockquote></figure>");
        }
        if p == 6 {
            let _ = write!(html, "<h2>{}</h2><ul><li>{}</li><li>{}</li></ul><script>track({i})</script><iframe src=\"https://video.example/{i}\"></iframe>", words.sentence(4), words.sentence(6), words.sentence(6));
        }
    }
    html
}

/// The feed: `items` items, about 3.5 KB of HTML each.
fn feed(items: usize) -> String {
    let mut words = Words(0x2545_f491_4f6c_dd1d);
    let mut rss = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench Review</title><link>https://bench.example/</link><description>A generated feed</description><language>en-US</language>"#,
    );
    for i in 0..items {
        let html = item_html(i, &mut words).replace("]]>", "]]]]><![CDATA[>");
        let _ = write!(
            rss,
            "<item><title>{}</title><link>https://bench.example/{i}/</link><guid isPermaLink=\"false\">https://bench.example/?p={i}</guid><dc:creator>Author {}</dc:creator><pubDate>Mon, 02 Nov 2020 16:30:00 +0100</pubDate><category>Cities</category><category>Water</category><description>{}</description><content:encoded><![CDATA[{html}]]></content:encoded></item>",
            words.sentence(5),
            i % 17,
            words.sentence(18),
        );
    }
    rss.push_str("</channel></rss>");
    rss
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The CLI's peak resident memory importing `path`, in KiB (Linux reports `ru_maxrss` in
/// KiB), over three runs, the largest.
fn cli_peak_kib(path: &std::path::Path) -> i64 {
    let mut peak = 0;
    for _ in 0..3 {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_essay-embed"))
            .arg("import")
            .arg(path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .expect("run essay-embed import");
        assert!(status.success(), "essay-embed import failed");
        // RUSAGE_CHILDREN: the largest of the children waited for, which are only these.
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage fills the struct it is given; zeroed is a valid rusage.
        let usage = unsafe {
            libc::getrusage(libc::RUSAGE_CHILDREN, usage.as_mut_ptr());
            usage.assume_init()
        };
        peak = peak.max(usage.ru_maxrss);
    }
    peak
}

fn bench(c: &mut Criterion) {
    let items = if measuring() { ITEMS } else { 20 };
    let feed = feed(items);
    let imported = import::import(feed.as_bytes(), &Options::default()).expect("the feed imports");
    assert_eq!(imported.essays, items);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    if !measuring() {
        c.bench_function("import", |b| {
            b.iter(|| import::import(black_box(feed.as_bytes()), &Options::default()))
        });
        return;
    }

    let dir = target_dir();
    std::fs::create_dir_all(&dir).expect("target dir");
    let path = dir.join("import-bench-feed.rss");
    std::fs::write(&path, &feed).expect("write the feed");
    let peak_kib = cli_peak_kib(&path);

    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.throughput(Throughput::Bytes(feed.len() as u64));
    group.bench_function("RSS feed, 1,000 items", |b| {
        b.iter(|| import::import(black_box(feed.as_bytes()), &Options::default()))
    });
    group.finish();

    let record = format!(
        "{{\"items\":{ITEMS},\"feed_bytes\":{},\"document_bytes\":{},\"cli_peak_rss_kib\":{peak_kib}}}\n",
        feed.len(),
        imported.json.len()
    );
    std::fs::write(dir.join("import-bench.json"), record).expect("write the record");
    println!(
        "import: {ITEMS} items, feed {:.1} MB, document {:.1} MB, CLI peak RSS {:.1} MiB",
        feed.len() as f64 / 1e6,
        imported.json.len() as f64 / 1e6,
        peak_kib as f64 / 1024.0
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);

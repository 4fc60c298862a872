// Generated from the Rust content types (src/content/model/, src/content/feed.rs) through their JSON
// Schema: `UPDATE_SCHEMA=1 cargo test --test schema` rewrites it. Do not edit.

/** Every form of content the widget reads: a version-1 document, a bare essay (a document
 * of that one essay), or a JSON Feed 1.0/1.1 document (mapped onto the model). */
export type EssayEmbedContentObject = EssayEmbedDocument | EssayEmbedEssay | EssayEmbedJsonFeed;

export interface EssayEmbedAuthor {
  affiliation?: string | null;
  /** URL of a square portrait. */
  avatar?: string | null;
  name: string;
  role?: string | null;
  url?: string | null;
}

export interface EssayEmbedCallToAction {
  label: string;
  url: string;
}

/** A whole content document: one publication, an optional series and its essays. */
export interface EssayEmbedDocument {
  /** At least one essay; ids are unique. */
  essays: EssayEmbedEssay[];
  publication?: EssayEmbedPublication | null;
  series?: EssayEmbedSeries | null;
  /** Overrides for the widget's own words, by key, e.g. `{"read_essay": "Read"}`; a counted
   * key's plural forms as `"min_read.one"`, `"min_read.few"`, ... (the keys: docs/content.md,
   * "The widget's words"). */
  strings?: Record<string, string>;
  /** Always 1. */
  version: number;
}

export interface EssayEmbedEssay {
  authors?: EssayEmbedAuthor[];
  /** Markdown (CommonMark with tables, footnotes and strikethrough; raw HTML is shown as
   * text). Without a body the essay is a link-out card. */
  body?: string | null;
  /** Where the essay lives; share links and link-out cards point here. */
  canonical_url?: string | null;
  /** The standfirst: one or two sentences under the title. */
  dek?: string | null;
  /** `ltr`, `rtl` or `auto`. */
  dir?: string | null;
  /** Unique within the document; used by the `essay` attribute and in share links.
   * Letters, digits, `-`, `_` and `.`. Required in a document; optional for a bare essay
   * (then "essay"). */
  id?: string;
  image?: EssayEmbedImage | null;
  kicker?: string | null;
  /** BCP 47 language tag of the essay text. */
  lang?: string | null;
  /** RFC 3339 date (`2020-09-09`) or date-time. */
  published?: string | null;
  /** Sentences of the body shown as pull quotes: `{"text": "..."}` or the sentence alone. */
  pull_quotes?: EssayEmbedPullQuote[];
  tags?: string[];
  title: string;
  updated?: string | null;
}

export interface EssayEmbedFeedAuthor {
  avatar?: string | null;
  /** JSON Feed authors may lack a name (just a url); such an author is not shown. */
  name?: string | null;
  url?: string | null;
}

/** An item id: JSON Feed 1.1 says a string; a whole number is read as its digits. */
export type EssayEmbedFeedId = EssayEmbedFeedIdForm;

export type EssayEmbedFeedIdForm = string | number;

export interface EssayEmbedFeedItem {
  author?: EssayEmbedFeedAuthor | null;
  authors?: EssayEmbedFeedAuthor[] | null;
  banner_image?: string | null;
  /** Never inserted (untrusted HTML): an item with only this is a card linking out. */
  content_html?: string | null;
  content_text?: string | null;
  date_modified?: string | null;
  date_published?: string | null;
  /** A string; numbers, which feeds in the wild use, are read as their digits. */
  id: EssayEmbedFeedId;
  image?: string | null;
  language?: string | null;
  summary?: string | null;
  tags?: string[];
  title?: string | null;
  url?: string | null;
}

export interface EssayEmbedImage {
  /** Describe the image; `""` marks a purely decorative one. Left out, it is a warning
   * (and the image is rendered as decorative). */
  alt?: string | null;
  caption?: string | null;
  credit?: string | null;
  /** The image's height in pixels, given with `width`. */
  height?: number | null;
  src: string;
  /** The image's width in pixels, given with `height`: the page reserves the image's
   * space before it loads (nothing below it moves), and link previews and oEmbed
   * consumers get the thumbnail's size. */
  width?: number | null;
}

/** A JSON Feed document: the members this widget reads (others are ignored). */
export interface EssayEmbedJsonFeed {
  /** JSON Feed 1.0. */
  author?: EssayEmbedFeedAuthor | null;
  /** JSON Feed 1.1. */
  authors?: EssayEmbedFeedAuthor[] | null;
  description?: string | null;
  favicon?: string | null;
  feed_url?: string | null;
  home_page_url?: string | null;
  icon?: string | null;
  items: EssayEmbedFeedItem[];
  language?: string | null;
  title: string;
  /** `https://jsonfeed.org/version/1` or `https://jsonfeed.org/version/1.1`. */
  version: string;
}

export interface EssayEmbedPublication {
  copyright?: string | null;
  /** An editorial credit line, e.g. "This digital magazine was edited by Chris Russell." */
  credit?: string | null;
  cta?: EssayEmbedCallToAction | null;
  /** URL of a logo image. */
  logo?: string | null;
  name: string;
  url?: string | null;
}

/** The two JSON forms of a pull quote, for the schema (the reader is [`PullQuote`]'s
 * `Deserialize`, which reads either without buffering the value). */
export type EssayEmbedPullQuote = string | {
  /** A sentence of the body (elisions written ". . ." or "…" are allowed). */
  text: string;
};

export interface EssayEmbedSeries {
  dek?: string | null;
  id?: string | null;
  title: string;
  url?: string | null;
}

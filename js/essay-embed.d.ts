import type { EssayEmbedContentObject } from './essay-embed-content.js';
export * from './essay-embed-content.js';

/**
 * Content: a version-1 document, a bare essay object, or a JSON Feed 1.x document (the
 * interfaces are generated from the Rust types), or its JSON text.
 */
export type EssayEmbedContent = string | EssayEmbedContentObject;

export interface RenderOptions {
  mode?: 'article' | 'card' | 'series';
  essay?: string;
  lang?: string;
}

/** Loads the wasm renderer (once per page). */
export function loadCore(): Promise<unknown>;

/** Renders `content` into `element` (an `<essay-embed>` in the document). */
export function render(element: HTMLElement, content: EssayEmbedContent, options?: RenderOptions & Record<string, string>): Promise<void>;

/** The HTML of `content`; rejects with a message naming every problem when it is invalid. */
export function renderToString(content: EssayEmbedContent, options?: RenderOptions): Promise<string>;

export interface EssayEmbedErrorDetail {
  code: string;
  message: string;
  url: string | null;
  problems: string[];
}

/** Something the widget left out or that may not be what the editor meant. */
export interface EssayEmbedWarning {
  /** The JSON path, e.g. `essays[0].authors[0].url`. */
  path: string;
  message: string;
}

export interface EssayEmbedReadyDetail {
  mode: 'article' | 'card' | 'series';
  essay: string | null;
  /** Also logged once in the console; `essay-embed check` fails on any of them. */
  warnings: EssayEmbedWarning[];
  /** The element kept the DOM it found: pre-rendered (`render --element`), or written by an
   * earlier view of it (the element was moved, or re-mounted after a renderer crash). */
  hydrated: boolean;
  /** Its pre-render was stale (`render-hash` differed) and was rendered again. */
  rerendered: boolean;
}

/** W3C Web Annotation `TextQuoteSelector`: the passage and the text right around it. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/**
 * W3C Web Annotation `TextPositionSelector`: characters (code points) of the essay's plain
 * text, every run of white space counted as one space, as share links count them.
 */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A W3C `SpecificResource`: the essay (its canonical URL) and the passage in it. */
export interface EssayEmbedPassage {
  source: string;
  selector: [TextQuoteSelector, TextPositionSelector];
}

export interface EssayEmbedShareDetail {
  /** `copy-link`, `copy-quote`, `copy-citation`, `native`, `x`, `bluesky`, `linkedin`, `facebook`, `email` or `image`. */
  target: string;
  text: string;
  url: string;
  passage: EssayEmbedPassage;
}

export interface EssayEmbedHighlightResult {
  found: boolean;
  /** The text highlighted is the quote letter for letter. */
  exact: boolean;
  /** 0 to 1: how sure the match is. */
  score: number;
  /** The text highlighted. */
  text: string;
}

/** The element's attributes and their values (as in `custom-elements.json`), for typed
 * templates and `setAttribute` helpers. */
export interface EssayEmbedAttributes {
  /** URL of a content JSON document. */
  src?: string;
  /** Id of one essay inside a series document; the first essay by default. */
  essay?: string;
  mode?: 'article' | 'card' | 'series';
  /** BCP 47 tag for the widget's own words. */
  lang?: string;
  /** Comma-separated share targets, or `none`. */
  share?: string;
  loading?: 'lazy' | 'eager';
  /** Heading level of a card's title. */
  'heading-level'?: '1' | '2' | '3' | '4' | '5' | '6';
  /** Seconds the content request may take (1-300). */
  timeout?: `${number}`;
  theme?: 'auto' | 'light' | 'dark';
  font?: 'inherit';
  hydrate?: 'idle';
}

export interface EssayEmbedElement extends HTMLElement {
  data: EssayEmbedContent | undefined;
  /** Highlights and scrolls to a passage; null while the essay is not shown yet. */
  highlight(
    selector: TextQuoteSelector | TextPositionSelector | Array<TextQuoteSelector | TextPositionSelector> | { source?: string; selector: TextQuoteSelector | TextPositionSelector | Array<TextQuoteSelector | TextPositionSelector> },
  ): EssayEmbedHighlightResult | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'essay-embed': EssayEmbedElement;
  }
  interface HTMLElementEventMap {
    'essay-embed:ready': CustomEvent<EssayEmbedReadyDetail>;
    'essay-embed:error': CustomEvent<EssayEmbedErrorDetail>;
    'essay-embed:share': CustomEvent<EssayEmbedShareDetail>;
  }
}

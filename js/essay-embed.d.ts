/** Content: a version-1 document, a bare essay object, or a JSON Feed 1.x document. */
export type EssayEmbedContent = string | Record<string, unknown>;

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

export interface EssayEmbedElement extends HTMLElement {
  data: EssayEmbedContent | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'essay-embed': EssayEmbedElement;
  }
  interface HTMLElementEventMap {
    'essay-embed:ready': CustomEvent<{ mode: string; essay: string | null }>;
    'essay-embed:error': CustomEvent<EssayEmbedErrorDetail>;
  }
}

/**
 * The little of the DOM the browser tests read inside the page (`page.evaluate`), typed here
 * because the tests are type-checked for Node, without the DOM library. A function passed to
 * `evaluate` runs in the page, so it names `globalThis as unknown as PageWindow` itself.
 */
export type PageElement = {
  getBoundingClientRect(): { left: number; right: number; bottom: number };
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  scrollWidth: number;
  clientWidth: number;
  clientHeight: number;
  innerText: string;
  style: { height: string };
  dataset: Record<string, string | undefined>;
};

export type PageWindow = {
  document: {
    documentElement: PageElement;
    body: PageElement;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): Iterable<PageElement>;
  };
  innerWidth: number;
  scrollY: number;
  getComputedStyle: (element: PageElement, pseudo?: string) => { content: string; marginBottom: string };
};

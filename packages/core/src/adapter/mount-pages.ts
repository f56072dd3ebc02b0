/**
 * Pages an adapter serves about its own mount (a paper exchange's accounts, a venue's health), at
 * `GET /mounts/<mount>/<resource>` beside the status page, with its headers and behind its access guard.
 * The status page links each mount's page by `title`. A page loads nothing from other hosts (the
 * Content-Security-Policy is `default-src 'self'`), so its script and stylesheet are resources of their
 * own, never inline; it may also link the status page's `../../status.css` for the same look, and start
 * its script with `PAGE_BASICS_JS` (the status page's element, header and polling helpers).
 */
export interface MountPages {
  /** The link's text on the status page, e.g. `paper accounts`. */
  readonly title: string;
  /**
   * Resources by name (`index.html`, `page.js`, `page.css`, `data.json`), each served at
   * `/mounts/<mount>/<name>`; `index.html` is also the page at `/mounts/<mount>/`, and the status page
   * links a mount only when it has one. Names are matched exactly, own keys only.
   */
  readonly resources: Readonly<Record<string, MountPageResource>>;
}

/**
 * One resource: its type decides the Content-Type, `body` makes it for each request (it may be async).
 * A json body is any value `JSON.stringify` takes. A body that throws is answered HTTP 500 with a short
 * message naming the resource; its error goes to the mount's log, never to the browser.
 */
export type MountPageResource =
  | { readonly type: "html" | "js" | "css"; body(): string | Promise<string> }
  | { readonly type: "json"; body(): unknown };

/** The resource that is the page itself, served at `/mounts/<mount>/` too. */
export const MOUNT_PAGE_INDEX = "index.html";

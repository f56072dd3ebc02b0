import { ExchangeAdapter } from "../../adapter/exchange-adapter";
import type { MountPages } from "../../adapter/mount-pages";
import { Exchange } from "../../registry/exchange-registry";

/** The text the failing resource throws: it must reach the log, never the browser. */
export const PAGE_FAILURE = "page body failed at /secret/path/adapter.js:42";

/**
 * A tiny adapter serving a page about its mount, for the mount-pages and status page tests: the page,
 * its script (which counts the JSON it has read into the page, so a test sees it run under the CSP), a
 * stylesheet, a JSON body made per request, one made asynchronously, and one that throws.
 */
@Exchange("PAGED", { description: "mount pages test exchange", autoMount: false })
export class PagedAdapter extends ExchangeAdapter {
  /** How many times `data.json` was made. */
  reads = 0;

  override pages(): MountPages {
    return {
      title: "test page",
      resources: {
        "index.html": {
          type: "html",
          body: () =>
            `<!doctype html><html><head><title>paged</title><link rel="stylesheet" href="page.css"></head>` +
            `<body><p id="reads">none</p><a id="back" href="../../">status</a><script src="page.js"></script></body></html>`,
        },
        "page.js": {
          type: "js",
          body: async () =>
            `fetch("data.json").then(function (r) { return r.json(); }).then(function (d) {` +
            ` document.getElementById("reads").textContent = "reads " + d.reads + " of " + d.mount; });`,
        },
        "page.css": { type: "css", body: () => "p { font-weight: 600; }" },
        "data.json": { type: "json", body: () => ({ reads: ++this.reads, mount: this.mount.name }) },
        "later.json": {
          type: "json",
          body: () => new Promise((resolve) => setTimeout(() => resolve({ later: true }), 20)),
        },
        "broken.json": {
          type: "json",
          body: () => {
            throw new Error(PAGE_FAILURE);
          },
        },
        "broken.js": { type: "js", body: () => Promise.reject(new Error(PAGE_FAILURE)) },
      },
    };
  }
}

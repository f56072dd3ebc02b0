import { MOUNT_PAGE_INDEX, type MountPageResource, type MountPages } from "../../adapter/mount-pages";
import type { Logger } from "../../logging/logger";
import { escapeControls } from "../../telemetry/labels";

/** A mount as the page table needs it: its name, the pages its adapter serves, where failures go. */
export interface PagedMount {
  readonly name: string;
  readonly pages?: MountPages;
  readonly logger?: Logger;
}

/** The status page's link to a mount's page: `href` is relative to the status page (`mounts/SIM/`). */
export interface MountPageLink {
  readonly title: string;
  readonly href: string;
}

export interface FoundResource {
  readonly resource: MountPageResource;
  readonly logger?: Logger;
}

interface Entry {
  readonly resources: ReadonlyMap<string, MountPageResource>;
  readonly logger?: Logger;
}

/**
 * Every mount's pages, read once at start into maps: a name from a request (`__proto__`, `constructor`)
 * can only ever find a mount's own resource, never something an object inherits.
 */
export class MountPageTable {
  private readonly byName = new Map<string, Entry>();

  constructor(mounts: readonly PagedMount[] = []) {
    for (const m of mounts) {
      if (!m.pages) continue;
      // Own enumerable keys only: whatever `resources` inherits is not served.
      this.byName.set(m.name, { resources: new Map(Object.entries(m.pages.resources)), logger: m.logger });
    }
  }

  /** The resource `resource` of mount `mount`, both matched exactly; `""` is the page itself. */
  find(mount: string, resource: string): FoundResource | undefined {
    const entry = this.byName.get(mount);
    const found = entry?.resources.get(resource === "" ? MOUNT_PAGE_INDEX : resource);
    return found && { resource: found, logger: entry?.logger };
  }

  has(mount: string): boolean {
    return this.byName.has(mount);
  }
}

/** The status page's link for a mount whose pages include the page itself; undefined otherwise. */
export function mountPageLink(name: string, pages: MountPages | undefined): MountPageLink | undefined {
  if (!pages || !Object.hasOwn(pages.resources, MOUNT_PAGE_INDEX)) return undefined;
  return { title: escapeControls(pages.title, 80), href: `mounts/${encodeURIComponent(name)}/` };
}

/**
 * Asks an adapter for its pages, once. An adapter that has none, or whose `pages()` throws or answers
 * something that is not pages, serves none: the gateway still starts, and the log says why.
 */
export function readMountPages(
  adapter: { pages?(): MountPages },
  name: string,
  logger: Logger,
): MountPages | undefined {
  // A plugin built on an older core has no `pages` at all.
  if (typeof adapter.pages !== "function") return undefined;
  try {
    const pages = adapter.pages();
    if (pages === undefined) return undefined;
    if (typeof pages?.title === "string" && typeof pages.resources === "object" && pages.resources)
      return pages;
    logger.warn(`${name}: pages() answered no { title, resources }; the mount serves no pages`);
  } catch (err) {
    logger.warn(`${name}: pages() failed (${(err as Error).message}); the mount serves no pages`);
  }
  return undefined;
}

// What the server paints stays painted: hydration adopts the server's nodes, it does not
// replace them. Before any script runs, an init script notes every element and text node of the
// page's body; once the page has hydrated and settled, each must still be in the document.
// A replaced node is painted twice (Lighthouse counts the second paint as the page's LCP).
import { test, expect, type Page } from "@playwright/test";
import { hydrated, openCircle, signIn } from "./helpers";

/** Notes the body's nodes as the server sent them, before the wasm runs. */
async function noteServerNodes(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.__serverNodes = [];
    w.__replaced = [];
    document.addEventListener("readystatechange", () => {
      // "interactive": the HTML is parsed; deferred and module scripts have not run yet.
      if (document.readyState !== "interactive" || !document.body) return;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE && !(n.textContent ?? "").trim()) continue;
        if (n.parentElement?.closest("script, template, noscript")) continue;
        w.__serverNodes.push(n);
      }
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of Array.from(r.removedNodes))
            if (w.__serverNodes.includes(n)) w.__replaced.push(describe(n));
      }).observe(document.body, { childList: true, subtree: true });
    });
    function describe(n: Node): string {
      const where = n.parentElement ?? (n as Element);
      return `${n.nodeName} "${(n.textContent ?? "").trim().slice(0, 40)}" in <${where.tagName.toLowerCase()} class="${where.className}">`;
    }
  });
}

/** Hydrates, lets late effects run, then lists the server's nodes no longer in the page. */
async function replacedNodes(page: Page): Promise<{ noted: number; replaced: string[] }> {
  await hydrated(page);
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const w = window as any;
    const gone = (w.__serverNodes as Node[]).filter((n) => !n.isConnected);
    return { noted: w.__serverNodes.length, replaced: gone.length ? w.__replaced : [] };
  });
}

async function expectKept(page: Page, path: string) {
  await page.goto(path);
  const { noted, replaced } = await replacedNodes(page);
  expect(noted, `the server sent content for ${path}`).toBeGreaterThan(5);
  expect(replaced, `nodes of ${path} replaced by hydration`).toEqual([]);
}

test("sign-in: hydration keeps the server's nodes", async ({ page }) => {
  await noteServerNodes(page);
  await expectKept(page, "/login");
});

test("home, a circle and the not-found page: hydration keeps the server's nodes", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  const circle = new URL(page.url()).pathname;
  await noteServerNodes(page);
  for (const path of ["/", circle, "/nowhere"]) await expectKept(page, path);
});

// What the server paints stays painted: hydration adopts the server's nodes, it does not
// replace or rewrite them. Once the HTML is parsed, before the app's scripts run, an init
// script notes every element and non-blank text node of the body; once the app has started,
// each must still be in the document with the same text. A replaced node is painted twice
// (Lighthouse counts the second paint as the page's LCP).
import { test, expect, type Page } from "@playwright/test";
import { hydrated, offlineReady, openCircle, signIn } from "./helpers";

/** Notes the body's nodes as the server sent them, before the app's scripts run. */
async function noteServerNodes(page: Page) {
  await page.addInitScript(() => {
    const w = window as any;
    w.__serverNodes = [];
    w.__rewritten = [];
    w.__describe = (n: Node) => {
      const where = n.parentElement ?? (n as Element);
      return `${n.nodeName} "${(n.textContent ?? "").trim().slice(0, 40)}" in <${where?.tagName?.toLowerCase()} class="${where?.className}">`;
    };
    document.addEventListener("readystatechange", () => {
      // "interactive": the HTML is parsed; deferred and module scripts have not run yet.
      if (document.readyState !== "interactive" || !document.body) return;
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === Node.TEXT_NODE && !(n.textContent ?? "").trim()) continue;
        if (n.parentElement?.closest("script, template, noscript")) continue;
        w.__serverNodes.push(n);
      }
      const noted = new Set(w.__serverNodes);
      new MutationObserver((records) => {
        for (const r of records)
          if (r.type === "characterData" && noted.has(r.target) && r.oldValue !== r.target.textContent)
            w.__rewritten.push(`${w.__describe(r.target)} (was "${(r.oldValue ?? "").trim().slice(0, 40)}")`);
      }).observe(document.body, { characterData: true, characterDataOldValue: true, subtree: true });
    });
  });
}

/** Waits for the app to start and its effects to run, then lists what hydration changed. */
async function changedNodes(page: Page): Promise<{ noted: number; changed: string[] }> {
  // `__apprenance_hydrated` is set by a task queued after every effect hydration spawned.
  await hydrated(page);
  return page.evaluate(() => {
    const w = window as any;
    const gone = (w.__serverNodes as Node[]).filter((n) => !n.isConnected).map((n) => `removed: ${w.__describe(n)}`);
    return { noted: w.__serverNodes.length, changed: [...gone, ...w.__rewritten.map((r: string) => `rewritten: ${r}`)] };
  });
}

async function expectKept(page: Page, path: string, heading: RegExp) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  const { noted, changed } = await changedNodes(page);
  expect(noted, `the server sent content for ${path}`).toBeGreaterThan(5);
  expect(changed, `nodes of ${path} changed by hydration`).toEqual([]);
  const url = new URL(page.url());
  expect(url.pathname + url.search).toBe(path);
}

test("sign-in: hydration keeps the server's nodes", async ({ page }) => {
  await noteServerNodes(page);
  await expectKept(page, "/login", /Apprenance|Connexion/);
});

test("home, a circle, a thread, the library and the not-found page: hydration keeps the server's nodes", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  const circle = new URL(page.url()).pathname;
  const thread = await page.getByRole("article").first().getByRole("link", { name: /Répondre|Réponses/ }).getAttribute("href");
  expect(thread, "a post on the circle page links to its thread").toMatch(/^\/circles\/.+\/posts\//);
  // The service worker installed first: in one full run of 2026-12-04, the home page loaded
  // while it was still precaching its ~100 chunks never hydrated within 30 s (not seen again
  // in 16 runs; noted for the offline issue). This spec is about hydration, not that race.
  await offlineReady(page);
  await noteServerNodes(page);
  await expectKept(page, "/", /Bonjour Camille Martin/);
  await expectKept(page, circle, /Cercle des conseillers/);
  await expectKept(page, thread as string, /Échange/);
  await expectKept(page, "/library", /La mallette/);
  await expectKept(page, "/library?q=reunions&theme=&skill=&sort=adoption", /La mallette/);
  await expectKept(page, "/settings", /Réglages/);
  await expectKept(page, "/nowhere", /./);
});

test("the moderation page: hydration keeps the server's nodes", async ({ page }) => {
  await signIn(page, "sophie.leroy@demo.apprenance.fr");
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await noteServerNodes(page);
  await expectKept(page, "/moderation", /Modération/);
});

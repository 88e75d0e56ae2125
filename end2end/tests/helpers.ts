// Shared steps: sign in as a demo person, unique text per test, screenshots as artifacts.
import { expect, type BrowserContext, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";

export const PASSWORD = "apprenance-demo";
export const EMPLOYEE = "camille.martin@demo.apprenance.fr";
export const ANIMATOR = "sophie.leroy@demo.apprenance.fr";
export const LEAD = "karim.benali@demo.apprenance.fr";
/** Logistique's lead: in no circle of Camille's. */
export const WAREHOUSE_LEAD = "nadia.haddad@demo.apprenance.fr";

export function unique(prefix: string): string {
  return `${prefix} ${randomUUID().slice(0, 8)}`;
}

export async function signIn(page: Page, email = EMPLOYEE, password = PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

export async function shot(page: Page, name: string, fullPage = true) {
  await page.screenshot({ path: `artifacts/${name}.png`, fullPage });
}

/** Rows in the e2e database matching a post body (psql from the test cluster). */
export function postsWithBody(body: string): number {
  const out = execFileSync(process.env.PSQL ?? "psql", [
    process.env.DATABASE_URL ?? "",
    "-tAc",
    "select count(*) from posts where body = $$" + body.replaceAll("$", "") + "$$",
  ]);
  return Number(out.toString().trim());
}

/** One number from the e2e database (psql from the test cluster). */
export function sqlCount(query: string): number {
  const out = execFileSync(process.env.PSQL ?? "psql", [process.env.DATABASE_URL ?? "", "-tAc", query]);
  return Number(out.toString().trim());
}

/** Runs one statement on the e2e database (psql from the test cluster). */
export function sqlExec(statement: string) {
  execFileSync(process.env.PSQL ?? "psql", [process.env.DATABASE_URL ?? "", "-qc", statement]);
}

/** Waits until the page has hydrated (the language buttons answer clicks only then). */
export async function hydrated(page: Page) {
  await expect(page.locator("body")).toBeVisible();
  try {
    await page.waitForFunction(() => (window as any).__apprenance_hydrated === true, null, { timeout: 30_000 });
  } catch (e) {
    throw new Error(`the app did not start on ${page.url()}\n${await whyNotStarted(page)}`, { cause: e });
  }
}

/** What a page that never hydrated says: its errors, its console, and how its app files came. */
async function whyNotStarted(page: Page): Promise<string> {
  const errors = (await page.pageErrors()).map((e) => `page error: ${e.message}`);
  const console = (await page.consoleMessages()).map((m) => `console.${m.type()}: ${m.text()}`);
  const files = await page
    .evaluate(() =>
      performance
        .getEntriesByType("resource")
        .filter((r) => r.name.includes("/pkg/"))
        .map((r) => {
          const t = r as PerformanceResourceTiming;
          return `${t.name.replace(location.origin, "")} status=${t.responseStatus} ms=${Math.round(t.duration)} bytes=${t.transferSize}`;
        }),
    )
    .catch((e) => [`(could not read: ${e})`]);
  const state = await page.evaluate(() => document.readyState).catch(() => "?");
  return [`readyState=${state}`, ...errors, ...console.slice(-20), ...files].join("\n");
}

/**
 * Opens a circle from the home page's list of circles, and waits until its page is there: the
 * click navigates in the app once the circle's chunk has loaded, and until then `page.url()` is
 * still the home page's (and the home page was hydrated already, so `hydrated` returns at once).
 */
export async function openCircle(page: Page, name: RegExp) {
  await page.getByRole("region", { name: /Mes cercles|My circles/ }).getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/circles\/[^/]+$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** The test cluster, stopped and started for real (scripts/test passes where it is). */
function pg(command: string) {
  execFileSync("bash", ["-c", `source ../scripts/lib.sh && ensure_postgres && ${command}`], { stdio: "inherit" });
}
export function stopPostgres() {
  pg('stop_postgres "$E2E_PG_DATA"');
}
export function startPostgres() {
  pg('start_postgres "$E2E_PG_DATA" "$E2E_PG_PORT"');
}

/**
 * Waits until the service worker controls the page and has the offline shell. A page loaded
 * while the worker still precaches has been seen never to start (full runs only, not yet
 * explained): a spec that loads again right after its first page waits for this first.
 */
export async function offlineReady(page: Page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await expect
    .poll(async () => page.evaluate(async () => !!(await caches.match("/offline-shell"))), { timeout: 30_000 })
    .toBe(true);
}

/** The signed-in person as the server sees them. */
export async function me(page: Page): Promise<{ person_id: string; org_id: string }> {
  return page.evaluate(async () => (await fetch("/api/me")).json());
}

/** Asks a question in the open circle. */
export async function ask(page: Page, question: string) {
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
}

/** Camille on her circle in two tabs of one browser; returns the second tab. */
export async function twoTabsOnCircle(page: Page, context: BrowserContext): Promise<Page> {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const other = await context.newPage();
  await other.goto(page.url());
  await hydrated(other);
  return other;
}

/** Opens the thread of the post whose text is `body`, from the open circle page. */
export async function openThread(page: Page, body: string) {
  const post = page.getByRole("article").filter({ hasText: body });
  await post.getByRole("link", { name: /Répondre|Réponses/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
}

/**
 * Back online after an edit made offline on a text someone changed meanwhile: the edit is
 * refused with both texts shown (screenshot `name`), and the person sends theirs on top.
 */
export async function keepMineWhenStale(page: Page, context: BrowserContext, current: string, mine: string, name: string) {
  await context.setOffline(false);
  const stale = page.getByRole("region", { name: "Vos envois" }).locator(".outbox-item.failed");
  await expect(stale).toContainText("Ce texte a changé depuis que vous l'avez ouvert");
  await expect(stale.locator(".stale")).toContainText(current);
  await expect(stale.locator(".stale")).toContainText(mine);
  await shot(page, name);
  await stale.getByRole("button", { name: "Envoyer ma version à la place" }).click();
}

/** A phone of its own, for a second person. */
export async function secondPhone(browser: import("@playwright/test").Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: "fr-FR" });
}

// Lazy pages: the home page's first load carries no other page's code; a page's chunk comes
// when the page is opened, and from the service worker's precache when the phone is offline,
// even for a page never opened before.
import { test, expect, type Page } from "@playwright/test";
import { hydrated, offlineReady, openCircle, signIn } from "./helpers";

/** The wasm files this page fetched from the network or the worker, by name. */
function wasmFetched(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.startsWith("/pkg/") && path.endsWith(".wasm")) seen.push(path.slice("/pkg/".length));
  });
  return seen;
}

test("the home page loads one wasm file; a circle's code comes when it is opened", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  const fetched = wasmFetched(page);
  await page.reload();
  await hydrated(page);
  expect(fetched.filter((f) => f.startsWith("apprenance."))).toHaveLength(1);
  const chunks = () => fetched.filter((f) => !f.startsWith("apprenance."));
  expect(chunks()).toEqual([]);

  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await expect.poll(() => chunks().length).toBeGreaterThan(0);
});

test("a circle page opened directly hydrates with its chunk and stays interactive", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.reload();
  await hydrated(page);
  await page.getByRole("button", { name: "Publier la question" }).click();
  // The check runs in the browser, so hydration worked: an empty question is refused there.
  await expect(page.getByRole("alert")).toHaveText("Ce champ est obligatoire.");
  expect(errors).toEqual([]);
});

test("offline, a page never opened before still loads its code from the precache", async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await hydrated(page);
  await offlineReady(page);
  const href = await page
    .getByRole("region", { name: "Mes cercles" })
    .getByRole("link", { name: /Cercle des conseillers/ })
    .getAttribute("href");
  expect(href).toMatch(/^\/circles\//);

  await context.setOffline(true);
  await page.goto(href ?? "/");
  await hydrated(page);
  // The page's own code ran (its back link and message are in the lazy chunk); its data was
  // never seen on this device, and it says so instead of showing a blank page.
  await expect(page.getByRole("alert").first()).toContainText("Pas de connexion");
  await expect(page.getByRole("link", { name: "Retour à l'accueil" })).toBeVisible();
  await context.setOffline(false);
});

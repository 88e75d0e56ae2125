// The Content-Security-Policy holds on every page (no inline script without the nonce, no
// violation), and malformed arguments are answered 400.
import { test, expect } from "@playwright/test";
import { hydrated, offlineReady, openCircle, signIn } from "./helpers";

test("no page violates the content security policy", async ({ page, context }) => {
  await context.addInitScript(() => {
    (window as any).__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      (window as any).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  const violations = async () => page.evaluate(() => (window as any).__csp as string[]);

  const login = await page.goto("/login");
  expect(login?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'wasm-unsafe-eval'/);
  expect(login?.headers()["cache-control"]).toBe("private, no-store");
  expect(login?.headers()["x-content-type-options"]).toBe("nosniff");
  await hydrated(page);
  expect(await violations()).toEqual([]);

  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await hydrated(page);
  expect(await violations()).toEqual([]);
  await offlineReady(page);

  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const circle = page.url();
  await page.goto(circle);
  await hydrated(page);
  expect(await violations()).toEqual([]);

  await page.goto("/nulle-part");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(await violations()).toEqual([]);

  // The offline shell, where the app renders from the device's copies.
  await context.setOffline(true);
  await page.goto(circle);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await hydrated(page);
  expect(await violations()).toEqual([]);
  await context.setOffline(false);
});

test("a malformed id in a server function's arguments answers 400, not 500", async ({ page }) => {
  await signIn(page);
  const res = await page.request.get("/api/circle?circle_id=not-a-uuid");
  expect(res.status()).toBe(400);
  expect(await res.json()).toBe("BadRequest");
});

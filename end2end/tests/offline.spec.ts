// Offline: the shell and the circle already seen render from the device; questions asked
// offline wait as pending and land once each when the network is back.
import { test, expect } from "@playwright/test";
import { openCircle, signIn, shot, unique, hydrated, postsWithBody } from "./helpers";

test("questions asked offline are sent once each when back online", async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await hydrated(page);
  // Give the service worker time to keep this page for offline reloads.
  await expect
    .poll(async () => page.evaluate(async () => (await caches.keys()).length > 1 && !!(await caches.match(location.href))))
    .toBe(true);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole("status")).toContainText("Hors ligne");

  const first = unique("Comment fais-tu pour garder le lien en télétravail ?");
  const second = unique("Comment fais-tu pour clore une réunion à l'heure ?");
  for (const q of [first, second]) {
    await page.getByLabel("Comment fais-tu pour… ?").fill(q);
    await page.getByRole("button", { name: "Publier la question" }).click();
  }
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(2);
  await shot(page, "phone-offline-pending");

  // Still pending after a reload while offline: the outbox lives in the browser.
  await page.reload();
  await hydrated(page);
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(2);

  await context.setOffline(false);
  const posts = page.getByRole("region", { name: "Échanges" });
  await expect(posts.getByText(first)).toHaveCount(1);
  await expect(posts.getByText(second)).toHaveCount(1);
  await expect(outbox).toHaveCount(0);
  expect(postsWithBody(first)).toBe(1);
  expect(postsWithBody(second)).toBe(1);
  await shot(page, "phone-back-online");
});

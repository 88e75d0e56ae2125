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

test("when the database is down, the question waits and nothing typed is lost", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  // The server answers as it does when Postgres does not respond.
  await page.route("**/api/ask_question", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify("Unavailable") }),
  );
  const question = unique("Comment fais-tu pour tenir bon quand tout rame ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText(question)).toBeVisible();
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(1);
  expect(postsWithBody(question)).toBe(0);

  await page.unroute("**/api/ask_question");
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  expect(postsWithBody(question)).toBe(1);
});

test("a question the server refuses turns failed, with the reason and a way out", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await page.route("**/api/ask_question", (route) =>
    route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify("Forbidden") }),
  );
  const question = unique("Comment fais-tu pour ceci ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText("Échec")).toBeVisible();
  await expect(outbox.getByText("Cet espace ne vous est pas ouvert.")).toBeVisible();
  await page.unroute("**/api/ask_question");
  await outbox.getByRole("button", { name: "Réessayer" }).click();
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  await expect(outbox).toHaveCount(0);
});

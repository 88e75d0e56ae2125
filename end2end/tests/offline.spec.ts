// Offline: pages already seen render from the device's copies in the offline shell; questions
// asked offline wait as pending and land once each when the network is back.
import { test, expect } from "@playwright/test";
import { ask, openCircle, offlineReady, signIn, shot, unique, hydrated, postsWithBody } from "./helpers";

test("questions asked offline are sent once each when back online", async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await offlineReady(page);
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await hydrated(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole("status")).toContainText("Hors ligne");

  const first = unique("Comment fais-tu pour garder le lien en télétravail ?");
  const second = unique("Comment fais-tu pour clore une réunion à l'heure ?");
  for (const q of [first, second]) await ask(page, q);
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

test("a question the server refuses turns failed, with the reason and a way out", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await page.route("**/api/sync", (route) =>
    route.fulfill({ status: 403, contentType: "application/json", body: JSON.stringify("Forbidden") }),
  );
  const question = unique("Comment fais-tu pour ceci ?");
  const later = unique("Comment fais-tu pour cela ensuite ?");
  await ask(page, question);
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText("Échec")).toBeVisible();
  await expect(outbox.getByText("Cet espace ne vous est pas ouvert.")).toBeVisible();
  // A later write of the same circle waits behind the failed one.
  await page.unroute("**/api/sync");
  await ask(page, later);
  await expect(outbox.getByText(/un envoi précédent de ce cercle a échoué/)).toBeVisible();
  expect(postsWithBody(later)).toBe(0);
  await shot(page, "phone-outbox-failed");
  await outbox.getByRole("button", { name: "Réessayer" }).click();
  const posts = page.getByRole("region", { name: "Échanges" });
  await expect(posts.getByText(question)).toHaveCount(1);
  await expect(posts.getByText(later)).toHaveCount(1);
  await expect(outbox).toHaveCount(0);
});

test("a proxy's error page keeps the question pending instead of failing it", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await page.route("**/api/sync", (route) =>
    route.fulfill({ status: 502, contentType: "text/html", body: "<html><h1>502 Bad Gateway</h1></html>" }),
  );
  const question = unique("Comment fais-tu pour passer le proxy ?");
  await ask(page, question);
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(1);
  await expect(outbox.getByText("Échec")).toHaveCount(0);
  await page.unroute("**/api/sync");
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  expect(postsWithBody(question)).toBe(1);
});

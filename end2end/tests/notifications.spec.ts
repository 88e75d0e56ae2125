// Notifications, on phones: Camille finds the demo's new ones counted in the navigation; Sophie
// replies to her question and the count goes up; opening the notice marks it read and opens
// the thread; "mark all as read" clears the count. Offline once seen.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ANIMATOR, hydrated, offlineReady, openCircle, postsWithBody, secondPhone, shot, signIn, sqlCount, unique } from "./helpers";

const unreadSql = `select count(*) from shown_notifications n join people p on p.id = n.person_id
  where p.email = 'camille.martin@demo.apprenance.fr' and n.read_at is null`;

/** The navigation's link to the notifications, whose name carries the unread count. */
function navLink(page: Page) {
  return page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: /^Notifications/ });
}

test("a reply is told, counted, opened and read", async ({ page, browser, context }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await expect(navLink(page)).toHaveAccessibleName(/Notifications \d+ à lire/);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu pour clore une réunion à l'heure ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);

  // Sophie replies from her phone.
  const other = await secondPhone(browser);
  const sophie = await other.newPage();
  await signIn(sophie, ANIMATOR);
  await openCircle(sophie, /Cercle des conseillers/);
  await sophie.getByRole("article").filter({ hasText: question }).getByRole("link", { name: "Répondre" }).click();
  await hydrated(sophie);
  const answer = unique("Je donne la parole pour un dernier tour, puis je conclus.");
  await sophie.getByLabel("Votre réponse").fill(answer);
  await sophie.getByRole("button", { name: "Publier la réponse" }).click();
  await expect.poll(() => postsWithBody(answer)).toBe(1);
  await other.close();

  // Camille's next page asks the count again: one more.
  const before = sqlCount(unreadSql);
  await navLink(page).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(navLink(page)).toHaveAccessibleName(`Notifications ${before} à lire`);
  const notice = page.getByRole("button", { name: /Sophie Leroy a répondu à votre message dans Cercle des conseillers/ }).filter({
    hasText: question,
  });
  await expect(notice).toContainText("Non lue");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "phone-notifications");

  // Opening it: read, and the thread.
  await hydrated(page);
  await notice.click();
  await expect(page.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
  await expect(page.getByText(question).first()).toBeVisible();
  await expect.poll(() => sqlCount(unreadSql)).toBe(before - 1);
  await expect(navLink(page)).toHaveAccessibleName(before > 1 ? `Notifications ${before - 1} à lire` : "Notifications");
  await navLink(page).click();
  await expect(notice).not.toContainText("Non lue");

  // All at once: the count goes.
  await hydrated(page);
  await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(page.getByRole("button", { name: "Tout marquer comme lu" })).toHaveCount(0);
  await expect(navLink(page)).toHaveAccessibleName("Notifications");
  await expect.poll(() => sqlCount(unreadSql)).toBe(0);
  await page.reload();
  await expect(navLink(page)).toHaveAccessibleName("Notifications");
  await expect(page.getByText("Non lue")).toHaveCount(0);

  // Seen once, it reads offline.
  await hydrated(page);
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole("status")).toContainText("Hors ligne");
  await expect(notice).toBeVisible();
  await context.setOffline(false);
});

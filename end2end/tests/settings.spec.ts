// Settings, on phones: Karim reads next week's Manager Boost at 18:30 (his organisation's zone,
// Paris); in his settings he chooses Toronto and reads it at 12:30; the page reads offline once
// seen; then he goes back to his organisation's zone. (Without JavaScript: nojs.spec.ts.)
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { LEAD, hydrated, offlineReady, openCircle, shot, signIn, sqlCount } from "./helpers";

const karimsZone = (zone: string) =>
  sqlCount(`select count(*) from people where email = 'karim.benali@demo.apprenance.fr' and time_zone ${zone}`);

async function openBoost(page: Page) {
  await openCircle(page, /Réseau des managers de proximité/);
  await page.getByRole("region", { name: "Sessions en direct" }).getByRole("link", { name: "Manager Boost de décembre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manager Boost de décembre" })).toBeVisible();
}

test("times show in the zone a person chooses, and in their organisation's again", async ({ page, context }) => {
  await signIn(page, LEAD);
  await openBoost(page);
  await expect(page.locator("main")).toContainText(/\d\d\/\d\d\/\d{4} 18:30 – 20:00/);

  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
  await expect(page.getByText("Fuseau de l'organisation : Europe/Paris")).toBeVisible();
  const zone = page.getByLabel("Afficher les heures à l'heure de");
  await expect(zone).toHaveValue("");
  await hydrated(page);
  await zone.selectOption("America/Toronto");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Fuseau choisi : America/Toronto")).toBeVisible();
  await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
  expect(karimsZone("= 'America/Toronto'")).toBe(1);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "phone-settings");

  // Every page now reads times in Toronto: 18:30 in Paris is 12:30 there.
  await page.goto("/");
  await openBoost(page);
  await expect(page.locator("main")).toContainText(/\d\d\/\d\d\/\d{4} 12:30 – 14:00/);

  // Seen once, the settings read offline.
  await page.getByRole("link", { name: "Réglages" }).click();
  await hydrated(page);
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole("status")).toContainText("Hors ligne");
  await expect(page.getByText("Fuseau choisi : America/Toronto")).toBeVisible();
  await context.setOffline(false);

  // Back to the organisation's zone.
  await page.reload();
  await hydrated(page);
  await page.getByLabel("Afficher les heures à l'heure de").selectOption("");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Fuseau de l'organisation : Europe/Paris")).toBeVisible();
  expect(karimsZone("is null")).toBe(1);
});

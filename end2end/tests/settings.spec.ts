// Settings, on phones: Karim reads next week's Manager Boost in his organisation's zone
// (Paris); in his settings he chooses Toronto, and the pages he goes on to show it in Toronto's
// time; the page reads offline once seen; then he goes back to his organisation's zone.
// (Without JavaScript: nojs.spec.ts.)
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { LEAD, hydrated, offlineReady, openCircle, shot, signIn, sqlCount, sqlExec } from "./helpers";

const KARIM = "email = 'karim.benali@demo.apprenance.fr'";
const karimsZone = (zone: string) => sqlCount(`select count(*) from people where ${KARIM} and time_zone ${zone}`);

test.afterEach(() => sqlExec(`update people set time_zone = null where ${KARIM}`));

/** The Manager Boost's start and end in `zone`, as pages print them ("18:30 – 20:00"). */
function boostIn(zone: string): RegExp {
  const at = (column: string, part: string) =>
    String(
      sqlCount(`select extract(${part} from ${column} at time zone '${zone}') from live_sessions where title = 'Manager Boost de décembre'`),
    ).padStart(2, "0");
  const time = (column: string) => `${at(column, "hour")}:${at(column, "minute")}`;
  return new RegExp(`\\d\\d/\\d\\d/\\d{4} ${time("starts_at")} – ${time("ends_at")}`);
}

async function openBoost(page: Page) {
  await openCircle(page, /Réseau des managers de proximité/);
  await page.getByRole("region", { name: "Sessions en direct" }).getByRole("link", { name: "Manager Boost de décembre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manager Boost de décembre" })).toBeVisible();
}

test("times show in the zone a person chooses, and in their organisation's again", async ({ page, context }) => {
  await signIn(page, LEAD);
  await openBoost(page);
  await expect(page.locator("main")).toContainText(boostIn("Europe/Paris"));

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

  // The pages he goes on to, in the app (no reload), read times in Toronto.
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Accueil" }).click();
  await openBoost(page);
  await expect(page.locator("main")).toContainText(boostIn("America/Toronto"));
  // And so does a page the server makes.
  await page.reload();
  await expect(page.locator("main")).toContainText(boostIn("America/Toronto"));

  // Seen once, the settings read offline.
  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
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

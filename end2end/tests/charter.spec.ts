// A PLC's charter, on phones: Camille opens it from her PLC, edits it offline; meanwhile Sophie
// (animator) changes it online. Back online, Camille's late edit is refused with both texts
// shown, and she sends hers on top. The charter reads offline once seen.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ANIMATOR, hydrated, keepMineWhenStale, offlineReady, openCircle, secondPhone, shot, signIn, sqlCount, unique } from "./helpers";

const PLC = /CAP Accueil des nouveaux/;

async function openCharter(page: Page) {
  await openCircle(page, PLC);
  await page.getByRole("link", { name: "Charte de la communauté" }).click();
  await expect(page).toHaveURL(/\/circles\/[^/]+\/charter$/);
  await expect(page.getByRole("heading", { level: 1, name: "Charte de la communauté" })).toBeVisible();
}

/** Opens the edit form if folded, writes `mission` and saves. */
async function saveMission(page: Page, mission: string) {
  const form = page.locator("details.charter-form");
  if ((await form.getAttribute("open")) === null) await form.locator("summary").click();
  await page.getByLabel("Mission").fill(mission);
  await page.getByRole("button", { name: "Enregistrer la charte" }).click();
}

test("members write their PLC's charter; an edit made on an older text overwrites nothing", async ({ page, context, browser }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await offlineReady(page);
  await openCharter(page);
  await hydrated(page);
  const charter = page.getByRole("region", { name: "Charte de la communauté" });
  await expect(charter.getByRole("heading", { level: 2 })).toHaveText(["Mission", "Vision", "Valeurs", "Objectifs communs"]);
  await expect(page.getByText(/Modifiée par .+ le \d\d\/\d\d\/\d{4}/)).toBeVisible();
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "phone-charter");

  // An empty charter is refused on the phone itself, nothing sent.
  await page.locator("details.charter-form summary").click();
  for (const part of ["Mission", "Vision", "Valeurs", "Objectifs communs"]) await page.getByLabel(part).fill("  ");
  await page.getByRole("button", { name: "Enregistrer la charte" }).click();
  await expect(page.getByRole("alert")).toHaveText("Écrivez au moins une des quatre parties.");
  await shot(page, "phone-charter-form");
  await page.reload();
  await hydrated(page);

  // Offline, Camille rewrites the mission: the edit waits.
  await context.setOffline(true);
  const offline = unique("Que chaque arrivant soit autonome en un mois");
  await saveMission(page, offline);
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByRole("listitem")).toContainText("Modification de la charte : CAP Accueil des nouveaux");
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(1);

  // Meanwhile Sophie changes it online.
  const other = await secondPhone(browser);
  const phone2 = await other.newPage();
  await signIn(phone2, ANIMATOR);
  await expect(phone2.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await phone2.goto(page.url());
  await hydrated(phone2);
  const online = unique("Que chaque arrivant trouve son binôme le premier jour");
  await saveMission(phone2, online);
  await expect(phone2.getByRole("region", { name: "Charte de la communauté" })).toContainText(online);
  await other.close();

  // Back online: refused, both texts shown; she sends hers on top of Sophie's.
  await keepMineWhenStale(page, context, online, offline, "phone-charter-stale");
  await expect(charter.getByText(offline)).toBeVisible();
  await expect(outbox).toHaveCount(0);
  await expect(page.getByText("Modifiée par Camille Martin")).toBeVisible();
  expect(sqlCount(`select count(*) from plc_charters where mission = '${offline}'`)).toBe(1);

  // Seen once, it reads offline.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Charte de la communauté" })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Hors ligne");
  await expect(charter.getByText(offline)).toBeVisible();
  await context.setOffline(false);
});

// Desktop screenshots of each page, to look at (artifacts/desktop-*.png).
import { test, expect } from "@playwright/test";
import { openCircle, signIn, shot } from "./helpers";

test("desktop pages", async ({ page }) => {
  await page.goto("/login");
  await shot(page, "desktop-login");
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await shot(page, "desktop-home");
  await openCircle(page, /Réseau des managers/);
  await expect(page.getByRole("heading", { level: 1, name: "Réseau des managers de proximité" })).toBeVisible();
  await shot(page, "desktop-circle");
  await page.getByRole("article").first().getByRole("link", { name: /Répondre|Réponses/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
  await shot(page, "desktop-thread");
  await page.getByRole("link", { name: "Mallette" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "La mallette" })).toBeVisible();
  await shot(page, "desktop-library");
  await page.getByRole("article").first().getByRole("link", { name: /Voir la pratique/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pratique de la mallette" })).toBeVisible();
  await shot(page, "desktop-library-entry");
  await page.goto("/");
  await openCircle(page, /CAP Accueil des nouveaux/);
  await shot(page, "desktop-plc");
  await page.getByRole("link", { name: "Charte de la communauté" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Charte de la communauté" })).toBeVisible();
  await shot(page, "desktop-charter");
  await page.goto("/");
  await openCircle(page, /Réseau des managers/);
  await page.getByRole("link", { name: "Propositions et expérimentations" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Expérimentations" })).toBeVisible();
  await shot(page, "desktop-network");
  await page.goto("/");
  await openCircle(page, /Réseau des managers/);
  await page.getByRole("link", { name: "Manager Boost de décembre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manager Boost de décembre" })).toBeVisible();
  await shot(page, "desktop-session");
  await page.getByRole("link", { name: /^Notifications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await shot(page, "desktop-notifications");
  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
  await shot(page, "desktop-settings");
});

test("desktop moderation", async ({ page }) => {
  await signIn(page, "sophie.leroy@demo.apprenance.fr");
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await page.getByRole("link", { name: "Modération : signalements et messages masqués" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Modération" })).toBeVisible();
  await shot(page, "desktop-moderation");
  await page.goto("/manage/prompts");
  await expect(page.getByRole("heading", { level: 1, name: "Questions du moment" })).toBeVisible();
  await page.locator("details.schedule-form summary").click();
  await shot(page, "desktop-prompts");
  await page.goto("/manage/circles");
  await expect(page.getByRole("heading", { level: 1, name: "Animer les cercles" })).toBeVisible();
  await shot(page, "desktop-manage-circles");
  await page.getByRole("link", { name: /Cercle logistique/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cercle logistique" })).toBeVisible();
  await shot(page, "desktop-manage-members");
  await page.goto("/moderation");
  // The demo's report: a reply in the managers' network.
  const reported = page.getByRole("article").filter({ hasText: "Je l'ai repris avec les commerciaux" }).first();
  await reported.getByRole("link", { name: "Décider dans l'échange" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
  const reply = page.getByRole("region", { name: /Réponses/ }).getByRole("article").filter({ hasText: "Je l'ai repris" });
  await reply.locator("details.post-tools summary").click();
  await shot(page, "desktop-thread-tools");
});

test("dark theme follows the system", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).toBe("rgb(19, 24, 22)");
  await shot(page, "desktop-circle-dark");
});

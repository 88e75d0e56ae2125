// The practice library on phones, three people in three browsers: Camille shares a practice,
// Sophie (animator, HR) puts it in the library and says she tried it; Nadia (warehouse, in
// none of Camille's circles) finds it in the library by a word without its accent and says she
// tried it too; the library shows it adopted by two teams, and reads offline once seen.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import {
  ANIMATOR,
  WAREHOUSE_LEAD,
  hydrated,
  offlineReady,
  openCircle,
  openThread,
  secondPhone,
  shot,
  signIn,
  unique,
} from "./helpers";

async function sayTried(page: Page, how: string) {
  await page.getByLabel("Comment ça s'est passé ?").fill(how);
  await page.getByRole("button", { name: "Dire que je l'ai essayée" }).click();
}

async function search(page: Page, words: string) {
  await page.getByLabel("Chercher une pratique").fill(words);
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
}

test("a practice is promoted, tried by two other teams, and found in the library", async ({ page, browser }) => {
  // Camille shares a practice; `tag` is a word only it has.
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const what = unique("Un tableau des rappels, mis à jour à midi, près de l'écran d'équipe.");
  const tag = what.split(" ").pop() as string;
  await page.getByText("Partager une pratique").click();
  await page.getByLabel("Ce que j'ai fait").fill(what);
  await page.getByRole("button", { name: "Partager la pratique" }).click();
  await expect(page.getByRole("region", { name: "Échanges" }).getByRole("article").filter({ hasText: what })).toHaveCount(1);

  // Sophie promotes it from its thread, then says she tried it with her team.
  const second = await secondPhone(browser);
  const sophie = await second.newPage();
  await signIn(sophie, ANIMATOR);
  await openCircle(sophie, /Cercle des conseillers/);
  await openThread(sophie, what);
  await hydrated(sophie);
  await expect(sophie.getByText("Personne ne l'a encore essayée.", { exact: false })).toBeVisible();
  await sophie.getByLabel("Thèmes").fill("Relation client, Rituels d'équipe");
  await sophie.getByLabel("Compétences").fill("Organisation");
  await sophie.getByRole("button", { name: "Mettre dans la mallette" }).click();
  await expect(sophie.getByText("Cette pratique est dans la mallette.")).toBeVisible();
  await sayTried(sophie, "Repris aux RH pour les relances des candidats.");
  const sophieAdoption = sophie.getByRole("region", { name: /Équipes qui l'ont essayée/ });
  await expect(sophieAdoption.getByRole("heading")).toHaveText("Équipes qui l'ont essayée : 1");
  await expect(sophieAdoption.getByRole("listitem")).toContainText(["Ressources humaines"]);
  await shot(sophie, "phone-thread-practice-promoted");
  await second.close();

  // Nadia, from the warehouse, searches the library without accents and tries it too.
  const third = await secondPhone(browser);
  const nadia = await third.newPage();
  await signIn(nadia, WAREHOUSE_LEAD);
  await nadia.getByRole("link", { name: "Mallette" }).click();
  await expect(nadia.getByRole("heading", { level: 1, name: "La mallette" })).toBeVisible();
  await hydrated(nadia);
  await search(nadia, `ecran ${tag}`);
  const found = nadia.getByRole("region", { name: /Pratiques/ }).getByRole("article");
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(what);
  await found.getByRole("link", { name: /Voir la pratique/ }).click();
  await expect(nadia.getByRole("heading", { level: 1, name: "Pratique de la mallette" })).toBeVisible();
  await hydrated(nadia);
  await sayTried(nadia, "Au quai, pour les relances **transporteurs** : adopté.");
  const adoption = nadia.getByRole("region", { name: /Équipes qui l'ont essayée/ });
  await expect(adoption.getByRole("heading")).toHaveText("Équipes qui l'ont essayée : 2");
  await expect(adoption.getByRole("listitem")).toContainText(["Ressources humaines", "Logistique"]);
  await expect(adoption.locator(".tryout .post-meta strong").last()).toHaveText("Nadia Haddad");
  await expect(adoption.locator(".post-body strong")).toHaveText("transporteurs");
  await shot(nadia, "phone-library-entry");

  // The library says who adopted it, in order.
  await nadia.goto(`/library?q=${tag}`);
  await expect(nadia.getByText("Adoptée par des équipes (2) : Ressources humaines, Logistique")).toBeVisible();
  await hydrated(nadia);
  const overflow = await nadia.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const a11y = await new AxeBuilder({ page: nadia }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(nadia, "phone-library-search");

  // Seen once, the search reads offline from the device's copy.
  await offlineReady(nadia);
  await third.setOffline(true);
  await nadia.reload();
  await hydrated(nadia);
  await expect(nadia.getByRole("status")).toContainText("Hors ligne");
  await expect(nadia.getByRole("article").filter({ hasText: what })).toHaveCount(1);
  await third.setOffline(false);
  await third.close();
});

test("the library finds words whatever their accents and endings, filters and orders", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await page.goto("/library");
  await hydrated(page);
  const results = page.getByRole("region", { name: /Pratiques/ }).getByRole("article");
  // "reunions" finds the theme "Réunions"; "equipe" the theme "Rituels d'équipe".
  for (const words of ["reunions", "EQUIPE"]) {
    await search(page, words);
    await expect(page).toHaveURL(new RegExp(`q=${words}`));
    await expect(results.filter({ hasText: "Point debout à 9 h" })).toHaveCount(1);
    await expect(results.filter({ hasText: "Une FAQ vivante" })).toHaveCount(0);
  }
  await search(page, "télétravail inexistant");
  await expect(page.getByText("Aucune pratique ne correspond.", { exact: false })).toBeVisible();
  await shot(page, "phone-library-empty-search");
  // By adoption: the stand-up, taken up by four teams, comes first.
  await search(page, "");
  await page.getByLabel("Trier par").selectOption("adoption");
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
  await expect(page).toHaveURL(/sort=adoption/);
  await expect(results.first()).toContainText("Point debout à 9 h");
  await expect(results.first()).toContainText("Adoptée par des équipes (4)");
  // A theme filters.
  await page.getByLabel("Thème").selectOption("Intégration");
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText("Une FAQ vivante");
  // A skill too: "Écoute" is the rephrasing practice's alone.
  await page.getByLabel("Thème").selectOption({ label: "Tous les thèmes" });
  await page.getByLabel("Compétence").selectOption("Écoute");
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
  await expect(page).toHaveURL(/skill=/);
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText("J'ai essayé de reformuler");
  // The most recent first: put in the library 10, 20 and 22 days ago (other tests' entries
  // are newer still, and come before them).
  await page.getByLabel("Compétence").selectOption({ label: "Toutes les compétences" });
  await page.getByLabel("Trier par").selectOption("recent");
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
  await expect(page).toHaveURL(/sort=recent/);
  await expect(results.filter({ hasText: "Point debout à 9 h" })).toHaveCount(1);
  const order = await results.allTextContents();
  const at = (start: string) => order.findIndex((text) => text.includes(start));
  expect(at("Une FAQ vivante")).toBeLessThan(at("J'ai essayé de reformuler"));
  expect(at("J'ai essayé de reformuler")).toBeLessThan(at("Point debout à 9 h"));
});

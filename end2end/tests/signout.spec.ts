// A shared phone: signing out with writes not sent yet asks what to do with them, and nobody
// who comes next sees the previous person's content, even offline.
import { test, expect, type Page } from "@playwright/test";
import { ANIMATOR, ask, hydrated, LEAD, offlineReady, openCircle, PASSWORD, postsWithBody, shot, signIn, twoTabsOnCircle, unique } from "./helpers";

async function questionWaiting(page: Page, context: import("@playwright/test").BrowserContext) {
  await signIn(page);
  await offlineReady(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await context.setOffline(true);
  const question = unique("Comment fais-tu pour déléguer sans tout reprendre ?");
  await ask(page, question);
  await expect(page.getByRole("region", { name: "Vos envois" }).getByText("En attente d'envoi")).toHaveCount(1);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  // Named by the count at first; back online, the write may leave on its own before a click,
  // and the title then says 0: the dialog is the same one.
  const dialog = page.getByRole("alertdialog", { name: /^Envois pas encore partis : \d+$/ });
  await expect(dialog).toHaveAccessibleName("Envois pas encore partis : 1");
  await expect(dialog).toBeVisible();
  return { question, dialog };
}

async function nothingOfTheirs(page: Page, question: string) {
  for (const path of ["/", page.url(), "/circles/00000000-0000-0000-0000-000000000000"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
    await expect(page.getByText(question)).toHaveCount(0);
    await expect(page.getByText("Camille")).toHaveCount(0);
    await expect(page.getByText("Cercle des conseillers")).toHaveCount(0);
  }
}

test("keep them for my next sign-in: the next person sees nothing, I get them back", async ({ page, context }) => {
  const { question, dialog } = await questionWaiting(page, context);
  await shot(page, "phone-sign-out-pending", false);
  const circle = page.url();
  await dialog.getByRole("button", { name: "Les garder pour ma prochaine connexion sur ce téléphone" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  // Offline, the next person sees the sign-in page everywhere, never Camille's content.
  await page.goto(circle);
  await nothingOfTheirs(page, question);

  // Online, someone else signs in on the sign-in page already on screen (the session the phone
  // still owes the server is ended first, not theirs): the kept write is neither sent nor shown.
  await context.setOffline(false);
  await page.getByLabel("Adresse e-mail").fill(LEAD);
  await page.getByLabel("Mot de passe").fill(PASSWORD);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour Karim/ })).toBeVisible();
  await hydrated(page);
  await expect(page.getByText(question)).toHaveCount(0);
  expect(postsWithBody(question)).toBe(0);
  // A later page is still Karim's: the owed sign-out did not end his session.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour Karim/ })).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();

  // Camille signs in again: it leaves.
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  expect(postsWithBody(question)).toBe(1);
});

test("discard them: they are gone for good", async ({ page, context }) => {
  const { question, dialog } = await questionWaiting(page, context);
  await dialog.getByRole("button", { name: "Les supprimer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await nothingOfTheirs(page, question);
  await context.setOffline(false);
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await expect(page.getByText(question)).toHaveCount(0);
  expect(postsWithBody(question)).toBe(0);
});

test("send them now: they leave, then the person is signed out", async ({ page, context }) => {
  const { question, dialog } = await questionWaiting(page, context);
  // Still offline: they cannot leave, and the dialog says so.
  await dialog.getByRole("button", { name: "Les envoyer maintenant" }).click();
  await expect(dialog.getByRole("alert")).toContainText("n'ont pas pu partir");
  await context.setOffline(false);
  await dialog.getByRole("button", { name: "Les envoyer maintenant" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  expect(postsWithBody(question)).toBe(1);
  const copies = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":copy:")).length);
  expect(copies).toBe(0);
});

test("signing out in one tab takes the person's other tabs to the sign-in page", async ({ page, context }) => {
  const other = await twoTabsOnCircle(page, context);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expect(other.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expect(other.getByText("Cercle des conseillers")).toHaveCount(0);
});

test("switching organisation in one tab brings the person's other tabs along, still signed in", async ({ page, context }) => {
  await signIn(page, ANIMATOR);
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour Sophie/ })).toBeVisible();
  await hydrated(page);
  const other = await context.newPage();
  await other.goto("/");
  await hydrated(other);
  await page.getByLabel("Organisation").selectOption({ label: "Coopérative Horizon" });
  await page.getByRole("button", { name: "Changer" }).click();
  await expect(page.locator(".org-name")).toHaveText("Coopérative Horizon");
  await expect(other.locator(".org-name")).toHaveText("Coopérative Horizon");
  await expect(other.getByRole("heading", { level: 1, name: /Bonjour Sophie/ })).toBeVisible();
});

// An employee on a phone: sign in, open a circle, ask a question, see it; errors; English;
// sign-out.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { openCircle, signIn, shot, unique, hydrated, EMPLOYEE, postsWithBody } from "./helpers";

async function noSeriousA11yIssues(page: import("@playwright/test").Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`)).toEqual([]);
}

async function noHorizontalScroll(page: import("@playwright/test").Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("an employee asks a question in a circle and sees it listed", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mes cercles" })).toBeVisible();
  await hydrated(page);
  await noHorizontalScroll(page);
  await noSeriousA11yIssues(page);
  await shot(page, "phone-home");

  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  const question = unique("Comment fais-tu pour préparer un entretien annuel ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  const posts = page.getByRole("region", { name: "Échanges" });
  await expect(posts.getByText(question)).toHaveCount(1);
  await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
  expect(postsWithBody(question)).toBe(1);
  await noHorizontalScroll(page);
  await noSeriousA11yIssues(page);
  await shot(page, "phone-circle");
});

test("an empty question is refused in plain words, and nothing is sent", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await expect(page.getByRole("alert")).toHaveText("Ce champ est obligatoire.");
});

test("a wrong password shows the message", async ({ page }) => {
  await signIn(page, EMPLOYEE, "pas-le-bon");
  await expect(page.getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await expect(page).toHaveURL(/\/login/);
  await noSeriousA11yIssues(page);
  await shot(page, "phone-login-error");
});

test("the interface switches to English", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "EN" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Hello Camille Martin" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "My circles" })).toBeVisible();
  // The choice is saved for the whole site (not only this path) and the server reads it on the
  // next load.
  const saved = (await page.context().cookies()).find((c) => c.name === "i18n_pref_locale");
  expect(saved?.value).toBe("en");
  expect(saved?.path).toBe("/");
  // On every path: a circle page, reloaded, is in English too.
  await page.locator(".circle-list a").first().click();
  await expect(page).toHaveURL(/\/circles\//);
  await page.reload();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  const paths = (await page.context().cookies()).filter((c) => c.name === "i18n_pref_locale").map((c) => c.path);
  expect(paths).toEqual(["/"]);
  await page.goto("/");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await shot(page, "phone-home-en");
  await hydrated(page);
  await page.getByRole("button", { name: "FR" }).click();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

test("signing out ends the session", async ({ page, context }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  const before = (await context.cookies()).find((c) => c.name === "apprenance_session");
  expect(before?.httpOnly).toBe(true);
  expect(before?.sameSite).toBe("Lax");
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);
  // The old session id no longer opens anything, even replayed by hand.
  const replay = await page.request.get("/api/me", { headers: { cookie: `apprenance_session=${before?.value}` } });
  expect(await replay.json()).toBeNull();
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

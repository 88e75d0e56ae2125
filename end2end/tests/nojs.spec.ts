// With JavaScript off (before hydration, or a browser that blocks it): signing in and asking a
// question are plain forms and still work.
import { test, expect } from "@playwright/test";
import { openCircle, signIn, shot, unique, postsWithBody, EMPLOYEE } from "./helpers";

test("sign in and ask a question without JavaScript", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await openCircle(page, /Cercle des conseillers/);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  const question = unique("Comment fais-tu pour relancer un client sans le braquer ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  expect(postsWithBody(question)).toBe(1);
  await shot(page, "phone-nojs-circle");
});

test("errors still show without JavaScript", async ({ page }) => {
  await signIn(page, EMPLOYEE, "pas-le-bon");
  await expect(page.getByRole("alert")).toHaveText("Adresse e-mail ou mot de passe incorrect.");
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await expect(page.getByRole("alert")).toHaveText("Ce champ est obligatoire.");
});

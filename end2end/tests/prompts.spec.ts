// Themed prompts, on phones: Sophie, an animator, puts a question to the advisers' circle for a
// while; Camille finds it on her circle's page, answers it in its thread, and Sophie sees the
// circle's response rate move. The demo's open question and closed debate show their rates.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ANIMATOR, hydrated, openCircle, secondPhone, shot, signIn, sqlCount, unique } from "./helpers";

/** A `datetime-local` value `days` from now (UTC is near enough: the window spans weeks). */
function local(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);
}

test("an animator puts a question to a circle; a member answers it; the rate moves", async ({ page, browser }) => {
  await signIn(page, ANIMATOR);
  await page.getByRole("link", { name: /Questions du moment/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Questions du moment" })).toBeVisible();
  await hydrated(page);

  // The demo's prompts: one open in two circles, one closed.
  const current = page.getByRole("region", { name: "En cours et à venir" });
  const demo = current.getByRole("listitem").filter({ hasText: "Quelle pratique avez-vous adoptée" }).first();
  await expect(demo).toContainText("2 sur");
  await expect(page.getByRole("region", { name: "Closes" })).toContainText("Faut-il une règle commune");

  // A closing before the opening is refused on the phone itself.
  await page.locator("details.schedule-form summary").click();
  const text = unique("Comment faites-vous pour clore un appel qui s'éternise ?");
  await page.getByLabel("La question ou le thème").fill(text);
  await page.getByLabel("Ouverture").fill(local(-1));
  await page.getByLabel("Clôture").fill(local(-2));
  await page.getByRole("checkbox", { name: "Cercle des conseillers" }).check();
  await page.getByRole("button", { name: "Programmer" }).click();
  await expect(page.getByRole("alert")).toContainText("Clôture");
  await page.getByLabel("Clôture").fill(local(20));
  await shot(page, "phone-prompt-form");
  await page.getByRole("button", { name: "Programmer" }).click();
  const card = current.getByRole("listitem").filter({ hasText: text }).first();
  await expect(card).toContainText(/0 sur \d+ membres ont répondu \(0 %\)/);
  expect(sqlCount(`select count(*) from posts p join prompts q on q.id = p.prompt_id where q.body = $$${text}$$`)).toBe(1);

  // Camille, on her own phone, finds it on her circle's page and answers it.
  const other = await secondPhone(browser);
  const camille = await other.newPage();
  await signIn(camille);
  await openCircle(camille, /Cercle des conseillers/);
  const panel = camille.getByRole("region", { name: "Question du moment" });
  const open = panel.getByRole("listitem").filter({ hasText: text });
  await expect(open).toContainText("Membres ayant répondu : 0");
  await shot(camille, "phone-prompt-panel");
  await open.getByRole("link", { name: "Répondre" }).click();
  await expect(camille).toHaveURL(/\/circles\/[^/]+\/posts\/[^/]+$/);
  await hydrated(camille);
  const answer = unique("Je résume, je propose la suite, puis je remercie.");
  await camille.getByLabel("Votre réponse").fill(answer);
  await camille.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(camille.getByRole("region", { name: /Réponses/ }).locator(".post-body").getByText(answer)).toHaveCount(1);
  await expect(camille.getByText("En attente d'envoi")).toHaveCount(0);
  const a11y = await new AxeBuilder({ page: camille }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(camille, "phone-prompt-thread");
  await other.close();

  // Sophie sees the advisers' rate move.
  await page.reload();
  await expect(card).toContainText(/1 sur \d+ membres ont répondu \(\d+ %\)/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const pageA11y = await new AxeBuilder({ page }).analyze();
  expect(pageA11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual(
    [],
  );
  await shot(page, "phone-prompts");
});

test("a member cannot open the prompts page", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Questions du moment/ })).toHaveCount(0);
  const response = await page.goto("/manage/prompts");
  expect(response?.status()).toBe(403);
});

// Changing one's mind and keeping circles safe, on phones: Camille edits her question, and an
// edit she queued offline on one phone meets the edit she made on another: nothing is
// overwritten, she sees both texts and keeps hers; then she deletes it. Inès reports a post,
// Sophie (animator) finds the report on her moderation page and hides the post: Inès sees its
// place without its text, Camille still reads it with the reason.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ANIMATOR, ask, hydrated, openCircle, openThread, secondPhone, shot, signIn, sqlCount, unique } from "./helpers";

const INES = "ines.dubois@demo.apprenance.fr";

/** The head post of the open thread, with its folded tools open. */
async function openTools(page: Page) {
  const head = page.getByRole("article").first();
  const tools = head.locator("details.post-tools");
  if (!(await tools.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await tools.locator("summary").click();
  }
  return head;
}

async function editTo(page: Page, text: string) {
  const head = await openTools(page);
  await head.getByLabel("Nouveau texte").fill(text);
  await head.getByRole("button", { name: "Enregistrer la modification" }).click();
}

test("an edit made on an older version shows both texts and overwrites nothing; then the author deletes", async ({
  page,
  context,
  browser,
}) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu pour classer tes mails ?");
  await ask(page, question);
  await openThread(page, question);
  await hydrated(page);

  const first = unique("Comment fais-tu pour classer tes mails le lundi ?");
  await editTo(page, first);
  const head = page.getByRole("article").first();
  await expect(head).toContainText(first);
  await expect(head.locator(".edited")).toHaveText("modifié");
  await shot(page, "phone-thread-edited");

  // Offline on this phone, she edits again: the edit waits, made on the version she saw.
  await context.setOffline(true);
  const offline = unique("Comment tries-tu tes mails, hors ligne ?");
  await editTo(page, offline);
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByRole("listitem")).toContainText(`Modification : ${offline}`);

  // Meanwhile, on her other phone, she edits it online.
  const other = await secondPhone(browser);
  const phone2 = await other.newPage();
  await signIn(phone2);
  await expect(phone2.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await phone2.goto(page.url());
  await hydrated(phone2);
  const online = unique("Comment ranges-tu tes mails, en ligne ?");
  await editTo(phone2, online);
  await expect(phone2.getByRole("article").first()).toContainText(online);
  await other.close();

  // Back online: the late edit is refused, both texts show, and she keeps hers.
  await context.setOffline(false);
  const stale = outbox.locator(".outbox-item.failed");
  await expect(stale).toContainText("Ce message a changé depuis que vous l'avez ouvert");
  await expect(stale.locator(".stale")).toContainText(online);
  await expect(stale.locator(".stale")).toContainText(offline);
  await shot(page, "phone-outbox-stale-edit");
  await stale.getByRole("button", { name: "Envoyer ma version à la place" }).click();
  await expect(page.getByRole("article").first()).toContainText(offline);

  // She deletes it: back to the circle, where it is no more.
  const tools = await openTools(page);
  await expect(tools.getByText("Supprimer ce message ? Personne ne le verra plus.")).toBeVisible();
  await tools.getByRole("button", { name: "Supprimer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(offline)).toHaveCount(0);
});

test("a reported post reaches the animator, who hides it; its author still reads it, with why", async ({ page, browser }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Qui traîne encore sur les rappels, à votre avis ?");
  await ask(page, question);
  await expect(page.getByRole("region", { name: "Échanges" }).getByRole("article").filter({ hasText: question })).toHaveCount(1);

  // Inès, in the same circle, reports it.
  const second = await secondPhone(browser);
  const ines = await second.newPage();
  await signIn(ines, INES);
  await openCircle(ines, /Cercle des conseillers/);
  await openThread(ines, question);
  await hydrated(ines);
  const head = await openTools(ines);
  await shot(ines, "phone-post-tools");
  const why = unique("Ça vise des collègues sans les nommer.");
  await head.getByLabel("Pourquoi ?").fill(why);
  await head.getByRole("button", { name: "Signaler" }).click();
  const reports = `select count(*) from post_reports where reason = '${why.replaceAll("'", "''")}' and handled_at is null`;
  await expect.poll(() => sqlCount(reports)).toBeGreaterThan(0);

  // Sophie finds it on her moderation page, with the reason, and hides it from its thread.
  const third = await secondPhone(browser);
  const sophie = await third.newPage();
  await signIn(sophie, ANIMATOR);
  await sophie.getByRole("link", { name: "Modération : signalements et messages masqués" }).click();
  await expect(sophie.getByRole("heading", { level: 1, name: "Modération" })).toBeVisible();
  await hydrated(sophie);
  const reported = sophie.getByRole("region", { name: /Signalés/ }).getByRole("article").filter({ hasText: question });
  await expect(reported).toContainText(why);
  await expect(reported).toContainText("Signalé : 1");
  const overflow = await sophie.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const a11y = await new AxeBuilder({ page: sophie }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(sophie, "phone-moderation");
  await reported.getByRole("link", { name: "Décider dans l'échange" }).click();
  await expect(sophie.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
  await hydrated(sophie);
  const target = await openTools(sophie);
  const hide = target.locator("form.moderate").filter({ hasText: "Masquer ce message" });
  await hide.getByLabel("Pourquoi ?").fill("Propos qui visent des collègues.");
  await hide.getByRole("button", { name: "Masquer" }).click();
  await expect(sophie.getByRole("article").first().locator(".hidden-note")).toHaveText(
    "Masqué par l'équipe d'animation : Propos qui visent des collègues.",
  );
  await third.close();

  // Inès sees its place, not its text.
  await ines.reload();
  await expect(ines.getByRole("article").first().locator(".hidden-note")).toHaveText("Message masqué par l'équipe d'animation.");
  await expect(ines.getByText(question)).toHaveCount(0);
  await shot(ines, "phone-thread-hidden");
  await second.close();

  // Camille, its author, still reads it, with why.
  await openThread(page, question);
  await expect(page.getByRole("article").first()).toContainText(question);
  await expect(page.getByRole("article").first().locator(".hidden-note")).toContainText("Propos qui visent des collègues.");
});

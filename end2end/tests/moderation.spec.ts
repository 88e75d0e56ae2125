// Changing one's mind and keeping circles safe, on phones: Camille edits her question, and an
// edit she queued offline on one phone meets the edit she made on another: nothing is
// overwritten, she sees both texts and keeps hers; then she deletes it. Inès reports a post,
// Sophie (animator) finds the report on her moderation page and hides the post: Inès sees its
// place without its text, Camille still reads it with the reason.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import {
  ANIMATOR,
  ask,
  hydrated,
  keepMineWhenStale,
  offlineReady,
  openCircle,
  openThread,
  secondPhone,
  shot,
  signIn,
  sqlCount,
  sqlExec,
  unique,
} from "./helpers";

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
  // A load while the service worker precaches can stall (see helpers' offlineReady).
  await offlineReady(phone2);
  await phone2.goto(page.url());
  await hydrated(phone2);
  const online = unique("Comment ranges-tu tes mails, en ligne ?");
  await editTo(phone2, online);
  await expect(phone2.getByRole("article").first()).toContainText(online);
  await other.close();

  // Back online: the late edit is refused, both texts show, and she keeps hers.
  await keepMineWhenStale(page, context, online, offline, "phone-outbox-stale-edit");
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
  // Nothing to do with it: no reply form, no reaction, no tools.
  await expect(ines.getByRole("button", { name: "Publier la réponse" })).toHaveCount(0);
  await expect(ines.getByRole("article").first().locator("details.post-tools, .reactions")).toHaveCount(0);
  await shot(ines, "phone-thread-hidden");
  await second.close();

  // Camille, its author, still reads it, with why.
  await openThread(page, question);
  await expect(page.getByRole("article").first()).toContainText(question);
  await expect(page.getByRole("article").first().locator(".hidden-note")).toContainText("Propos qui visent des collègues.");
});

test("the animator keeps a reported post visible, hides another and restores it; the moderation page reads offline", async ({
  page,
  context,
}) => {
  // Two questions of Camille's, each reported by Inès (written straight into the database).
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const kept = unique("Comment fais-tu pour dire non à ton responsable ?");
  const hidden = unique("Comment fais-tu pour éviter Untel ?");
  await ask(page, kept);
  await ask(page, hidden);
  for (const body of [kept, hidden]) {
    await expect.poll(() => sqlCount(`select count(*) from posts where body = '${body.replaceAll("'", "''")}'`)).toBe(1);
    sqlExec(
      `insert into post_reports (org_id, post_id, reporter_id, reason)
       select p.org_id, p.id, pe.id, 'À vérifier, merci.' from posts p, people pe
       where p.body = '${body.replaceAll("'", "''")}' and pe.email = '${INES}'`,
    );
  }

  await signIn(page, ANIMATOR);
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await page.goto("/moderation");
  await hydrated(page);
  const reported = page.getByRole("region", { name: /Signalés/ });
  await expect(reported.getByRole("article").filter({ hasText: kept })).toHaveCount(1);

  // Seen once, the page reads offline from the device's copy.
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await hydrated(page);
  await expect(page.getByRole("status")).toContainText("Hors ligne");
  await expect(reported.getByRole("article").filter({ hasText: hidden })).toHaveCount(1);
  await context.setOffline(false);
  await page.reload();

  // Kept visible: the reports close, the post stays as it was.
  await reported.getByRole("article").filter({ hasText: kept }).getByRole("link", { name: "Décider dans l'échange" }).click();
  await hydrated(page);
  let head = await openTools(page);
  const keep = head.locator("form.moderate").filter({ hasText: "Garder ce message visible" });
  await keep.getByLabel("Pourquoi ?").fill("Une vraie question de posture.");
  await keep.getByRole("button", { name: "Garder visible" }).click();
  await expect(page.getByRole("article").first().locator(".badge.warn")).toHaveCount(0);
  await expect(page.getByRole("article").first().locator(".hidden-note")).toHaveCount(0);

  // Hidden, then shown again.
  await page.goto("/moderation");
  await reported.getByRole("article").filter({ hasText: hidden }).getByRole("link", { name: "Décider dans l'échange" }).click();
  await hydrated(page);
  head = await openTools(page);
  const hide = head.locator("form.moderate").filter({ hasText: "Masquer ce message" });
  await hide.getByLabel("Pourquoi ?").fill("Vise une personne.");
  await hide.getByRole("button", { name: "Masquer" }).click();
  await expect(page.getByRole("article").first().locator(".hidden-note")).toContainText("Vise une personne.");
  head = await openTools(page);
  const show = head.locator("form.moderate").filter({ hasText: "Afficher ce message" });
  await show.getByLabel("Pourquoi ?").fill("Reformulée avec l'auteur.");
  await show.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("article").first().locator(".hidden-note")).toHaveCount(0);

  // Nothing of either waits any more.
  await page.goto("/moderation");
  await expect(page.getByRole("heading", { level: 2, name: /Signalés/ })).toBeVisible();
  await expect(page.getByText(kept)).toHaveCount(0);
  await expect(page.getByText(hidden)).toHaveCount(0);
});

// Threads on a phone, two people in two browsers: Camille asks, Sophie replies, Camille marks the
// reply useful; a reply written offline lands once.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import {
  ANIMATOR,
  EMPLOYEE,
  ask,
  hydrated,
  offlineReady,
  openCircle,
  openThread,
  postsWithBody,
  secondPhone,
  shot,
  signIn,
  sqlExec,
  unique,
} from "./helpers";

async function reply(page: Page, text: string) {
  await page.getByLabel("Votre réponse").fill(text);
  await page.getByRole("button", { name: "Publier la réponse" }).click();
}

test("Camille asks, Sophie replies, Camille marks the reply useful", async ({ page, browser }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu pour dire non à une demande urgente ?");
  await ask(page, question);
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);

  // Sophie, the animator, on her own phone.
  const other = await secondPhone(browser);
  const sophie = await other.newPage();
  await signIn(sophie, ANIMATOR);
  await openCircle(sophie, /Cercle des conseillers/);
  await openThread(sophie, question);
  await hydrated(sophie);
  await expect(sophie.getByText("Pas encore de réponse")).toBeVisible();
  const answer = unique("Je propose un autre créneau, avec une date précise.");
  await reply(sophie, answer);
  await expect(sophie.getByRole("region", { name: /Réponses/ }).locator(".post-body").getByText(answer)).toHaveCount(1);
  expect(postsWithBody(answer)).toBe(1);
  await other.close();

  // Camille sees the count under her question, opens the thread, marks the reply useful.
  await page.reload();
  const mine = page.getByRole("article").filter({ hasText: question });
  await expect(mine.getByRole("link", { name: "Réponses : 1" })).toBeVisible();
  // Her own question takes no reaction from her: counts, no buttons.
  await expect(mine.getByRole("button")).toHaveCount(0);
  await openThread(page, question);
  await hydrated(page);
  const theReply = page.getByRole("region", { name: /Réponses/ }).getByRole("article").filter({ hasText: answer });
  await theReply.getByRole("button", { name: "Utile · 0" }).click();
  await expect(theReply.getByRole("button", { name: "Utile · 1" })).toHaveAttribute("aria-pressed", "true");
  // The server has it: a reload shows it pressed.
  await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
  await page.reload();
  await expect(theReply.getByRole("button", { name: "Utile · 1" })).toHaveAttribute("aria-pressed", "true");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "phone-thread");

  // Taken back: one tap, and the count goes down.
  await hydrated(page);
  await theReply.getByRole("button", { name: "Utile · 1" }).click();
  await expect(theReply.getByRole("button", { name: "Utile · 0" })).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
  await page.reload();
  await expect(theReply.getByRole("button", { name: "Utile · 0" })).toHaveAttribute("aria-pressed", "false");
});

test("a reply written offline is kept, shown pending, and lands once", async ({ page, context }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu pour répondre sans réseau ?");
  await ask(page, question);
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  await openThread(page, question);
  await hydrated(page);
  await offlineReady(page);

  await context.setOffline(true);
  const text = unique("Je l'écris dans le train.");
  await reply(page, text);
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText(text)).toBeVisible();
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(1);
  await shot(page, "phone-thread-offline");
  await context.setOffline(false);
  await expect(page.getByRole("region", { name: /Réponses/ }).locator(".post-body").getByText(text)).toHaveCount(1);
  expect(postsWithBody(text)).toBe(1);
});

test("replies written faster than the server takes wait with the reason, then land", async ({ page, context }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu pour tout dire en une fois ?");
  await ask(page, question);
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  await openThread(page, question);
  await hydrated(page);
  await offlineReady(page);
  // Seven replies in the train; six a minute are taken (her replies of earlier tests made older).
  sqlExec(`update posts set created_at = created_at - interval '2 minutes' where kind = 'reply'
           and author_id = (select id from people where email = '${EMPLOYEE}')`);
  await context.setOffline(true);
  const texts = Array.from({ length: 7 }, (_, i) => unique(`Point ${i + 1} de ma réponse.`));
  for (const text of texts) await reply(page, text);
  await context.setOffline(false);
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByText("En attente : 6 réponses par minute au plus. L'envoi reprend de lui-même dans un instant.")).toHaveCount(1);
  await expect(outbox.getByText(texts[6])).toBeVisible();
  expect(postsWithBody(texts[5])).toBe(1);
  expect(postsWithBody(texts[6])).toBe(0);
  await shot(page, "phone-thread-slowed");
  // A minute later (the replies made older), the next round sends it, once.
  sqlExec(`update posts set created_at = created_at - interval '2 minutes' where body like 'Point %'`);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await expect(page.getByRole("region", { name: /Réponses/ }).locator(".post-body").getByText(texts[6])).toHaveCount(1);
  expect(postsWithBody(texts[6])).toBe(1);
});

test("markup typed in a post is shown as text; a little Markdown is rendered", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu avec <b>gras</b> <img src=x onerror=alert(1)> et **vraiment** ?");
  let alerted = false;
  page.on("dialog", async (d) => {
    alerted = true;
    await d.dismiss();
  });
  await ask(page, question);
  const id = question.split(" ").pop() as string;
  const post = page.getByRole("region", { name: "Échanges" }).getByRole("article").filter({ hasText: id });
  await expect(post).toHaveCount(1);
  await expect(post.locator(".post-body strong")).toHaveText("vraiment");
  await expect(post.locator(".post-body b, .post-body img")).toHaveCount(0);
  await expect(post).toContainText("<img src=x onerror=alert(1)>");
  expect(alerted).toBe(false);
});

test("a practice is shared in parts, with tags, and reads in that order", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await page.getByText("Partager une pratique").click();
  const what = unique("Je reformule la demande avant de répondre.");
  await page.getByLabel("Contexte").fill("Des clients qui rappellent trois fois.");
  await page.getByLabel("Mots-clés").fill("relation client, écoute");
  // What was done is required: the refusal names it, and nothing is lost.
  await page.getByRole("button", { name: "Partager la pratique" }).click();
  await expect(page.getByRole("alert")).toHaveText("Ce que j'ai fait : Ce champ est obligatoire.");
  await expect(page.getByLabel("Contexte")).toHaveValue("Des clients qui rappellent trois fois.");
  await page.getByLabel("Ce que j'ai fait").fill(what);
  await page.getByLabel("Ce qui s'est passé").fill("Des appels **plus courts**.");
  await page.getByRole("button", { name: "Partager la pratique" }).click();
  const post = page.getByRole("region", { name: "Échanges" }).getByRole("article").filter({ hasText: what });
  await expect(post).toHaveCount(1);
  await expect(post.locator(".part-label")).toHaveText(["Contexte", "Ce que j'ai fait", "Ce qui s'est passé"]);
  await expect(post.locator(".tags li")).toHaveText(["relation client", "écoute"]);
  await expect(post.locator(".post-body strong")).toHaveText("plus courts");
  expect(postsWithBody(what)).toBe(1);
  await shot(page, "phone-practice");
});

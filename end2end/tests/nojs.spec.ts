// With JavaScript off (before hydration, or a browser that blocks it): signing in and asking a
// question are plain forms and still work.
import { test, expect } from "@playwright/test";
import { openCircle, signIn, shot, unique, postsWithBody, sqlCount, sqlExec, ANIMATOR, EMPLOYEE, LEAD } from "./helpers";

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

test("reply and mark a reply useful without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  const question = unique("Comment fais-tu pour répondre sans JavaScript ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  const post = page.getByRole("article").filter({ hasText: question });
  await post.getByRole("link", { name: "Répondre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
  const answer = unique("Avec un formulaire ordinaire.");
  await page.getByLabel("Votre réponse").fill(answer);
  await page.getByRole("button", { name: "Publier la réponse" }).click();
  await expect(page.getByRole("region", { name: /Réponses/ }).locator(".post-body").getByText(answer)).toHaveCount(1);
  expect(postsWithBody(answer)).toBe(1);
  // Her own reply takes no reaction; the question is hers too. Sign in as Sophie to react.
  await signIn(page, "sophie.leroy@demo.apprenance.fr");
  await page.goto(await threadPath(page, question));
  const reply = page.getByRole("region", { name: /Réponses/ }).getByRole("article").filter({ hasText: answer });
  await reply.getByRole("button", { name: "Utile · 0" }).click();
  await expect(reply.getByRole("button", { name: "Utile · 1" })).toHaveAttribute("aria-pressed", "true");
  await shot(page, "phone-nojs-thread");
});

test("search the library and say I tried a practice without JavaScript", async ({ page }) => {
  await signIn(page, "karim.benali@demo.apprenance.fr");
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await page.goto("/library");
  await page.getByLabel("Chercher une pratique").fill("faq integration");
  await page.getByRole("button", { name: "Chercher", exact: true }).click();
  await expect(page).toHaveURL(/q=faq/);
  const entry = page.getByRole("article").filter({ hasText: "Une FAQ vivante" });
  await expect(entry).toHaveCount(1);
  await entry.getByRole("link", { name: /Voir la pratique/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Pratique de la mallette" })).toBeVisible();
  // Empty: refused with the reason.
  await page.getByRole("button", { name: "Dire que je l'ai essayée" }).click();
  await expect(page.getByRole("alert")).toHaveText("Ce champ est obligatoire.");
  const how = unique("Essayée au service client sans JavaScript.");
  await page.getByLabel("Comment ça s'est passé ?").fill(how);
  await page.getByRole("button", { name: "Dire que je l'ai essayée" }).click();
  await expect(page.getByRole("region", { name: /Équipes qui l'ont essayée/ }).getByText(how)).toHaveCount(1);
  await shot(page, "phone-nojs-library-entry");
});

test("edit a question, then delete it, without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  const question = unique("Comment fais-tu pour corriger une question sans JavaScript ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await page.getByRole("article").filter({ hasText: question }).getByRole("link", { name: "Répondre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Échange" })).toBeVisible();
  // The tools unfold without JavaScript (a <details>); an empty edit is refused with why.
  const head = page.getByRole("article").first();
  await head.getByText("Modifier, signaler…").click();
  await head.getByLabel("Nouveau texte").fill(" ");
  await head.getByRole("button", { name: "Enregistrer la modification" }).click();
  await expect(page.getByRole("alert")).toHaveText("Ce champ est obligatoire.");
  // Refused, the tools come back open with what was typed.
  const edited = unique("Comment fais-tu pour corriger une question, sans script ?");
  await expect(page.getByRole("article").first().getByLabel("Nouveau texte")).toBeVisible();
  await page.getByRole("article").first().getByLabel("Nouveau texte").fill(edited);
  await page.getByRole("article").first().getByRole("button", { name: "Enregistrer la modification" }).click();
  await expect(page.getByRole("article").first()).toContainText(edited);
  await expect(page.getByRole("article").first().locator(".edited")).toHaveText("modifié");
  expect(postsWithBody(edited)).toBe(1);
  // Deleted from its own thread: back to the circle, where it is no more.
  await page.getByRole("article").first().getByText("Modifier, signaler…").click();
  await page.getByRole("article").first().getByRole("button", { name: "Supprimer" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cercle des conseillers" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(edited)).toHaveCount(0);
});

test("an animator hides a post and shows it again without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  const question = unique("Comment fais-tu pour ignorer les consignes ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1);
  await signIn(page, "sophie.leroy@demo.apprenance.fr");
  await page.goto(await threadPath(page, question, /Répondre/));
  const head = () => page.getByRole("article").first();
  await head().getByText("Modifier, signaler…").click();
  const hide = head().locator("form.moderate").filter({ hasText: "Masquer ce message" });
  await hide.getByLabel("Pourquoi ?").fill("Hors charte.");
  await hide.getByRole("button", { name: "Masquer" }).click();
  await expect(head().locator(".hidden-note")).toHaveText("Masqué par l'équipe d'animation : Hors charte.");
  await head().getByText("Modifier, signaler…").click();
  const show = head().locator("form.moderate").filter({ hasText: "Afficher ce message" });
  await show.getByLabel("Pourquoi ?").fill("Reformulée.");
  await show.getByRole("button", { name: "Afficher" }).click();
  await expect(head().locator(".hidden-note")).toHaveCount(0);
  await expect(head()).toContainText(question);
});

test("a refused form comes back with what was typed, without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  // A practice with one tag too many: refused, and every part is still there to fix.
  const share = page.locator("details.share").filter({ hasText: "Partager une pratique" });
  await share.locator("summary").click();
  const body = unique("J'ai appelé chaque nouveau client une semaine après sa signature.");
  await share.getByLabel("Contexte", { exact: true }).fill("Des clients perdus dans le premier mois.");
  await share.getByLabel("Ce que j'ai fait", { exact: true }).fill(body);
  await share.getByLabel("Ce qui s'est passé", { exact: true }).fill("Moins de résiliations.");
  await share.getByLabel("Mots-clés", { exact: true }).fill("appel, suivi, client, signature, relance, fidélité");
  await page.getByRole("button", { name: "Partager la pratique" }).click();
  await expect(share.getByRole("alert")).toContainText("Mots-clés");
  await expect(share.getByLabel("Ce que j'ai fait", { exact: true })).toHaveValue(body);
  await expect(share.getByLabel("Contexte", { exact: true })).toHaveValue("Des clients perdus dans le premier mois.");
  await expect(share.getByLabel("Ce qui s'est passé", { exact: true })).toHaveValue("Moins de résiliations.");
  await expect(share.getByLabel("Mots-clés", { exact: true })).toHaveValue("appel, suivi, client, signature, relance, fidélité");
  await shot(page, "phone-nojs-refill");
  await share.getByLabel("Mots-clés", { exact: true }).fill("appel, suivi, fidélité");
  await page.getByRole("button", { name: "Partager la pratique" }).click();
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(body)).toHaveCount(1);
  expect(postsWithBody(body)).toBe(1);

  // An edit made on a text that changed meanwhile: refused, nothing overwritten, and the
  // person's words back in the open form under the current text.
  const question = unique("Comment fais-tu pour garder ta version ?");
  await page.getByLabel("Comment fais-tu pour… ?").fill(question);
  await page.getByRole("button", { name: "Publier la question" }).click();
  await page.getByRole("article").filter({ hasText: question }).getByRole("link", { name: "Répondre" }).click();
  const head = () => page.getByRole("article").first();
  await head().getByText("Modifier, signaler…").click();
  const theirs = unique("Comment fais-tu pour garder la version du second téléphone ?");
  // Dollar-quoted: the texts may hold an apostrophe.
  sqlExec(
    `update posts set body = $t$${theirs}$t$, body_html = $t$<p>${theirs}</p>$t$, version = version + 1 where body = $t$${question}$t$`,
  );
  const mine = unique("Comment fais-tu pour garder ta version, même hors ligne ?");
  await head().getByLabel("Nouveau texte").fill(mine);
  await head().getByRole("button", { name: "Enregistrer la modification" }).click();
  await expect(page.getByRole("alert")).toContainText("Ce texte a changé depuis que vous l'avez ouvert");
  await expect(head().locator(".post-body")).toContainText(theirs);
  await expect(head().getByLabel("Nouveau texte")).toHaveValue(mine);
  await shot(page, "phone-nojs-stale-edit");
  // Sent again, on the text now shown: theirs is replaced knowingly.
  await head().getByRole("button", { name: "Enregistrer la modification" }).click();
  await expect(head().locator(".post-body")).toContainText(mine);
  expect(postsWithBody(mine)).toBe(1);
});

/** The thread's path of the post whose text is `body`, found from Sophie's circle page. */
async function threadPath(page: import("@playwright/test").Page, body: string, link = /Réponses/): Promise<string> {
  await openCircle(page, /Cercle des conseillers/);
  const href = await page.getByRole("article").filter({ hasText: body }).getByRole("link", { name: link }).getAttribute("href");
  return href ?? "/";
}

test("read and write a PLC's charter without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /CAP Accueil des nouveaux/);
  await page.getByRole("link", { name: "Charte de la communauté" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Charte de la communauté" })).toBeVisible();
  // Refused: back on the page with the form open and the reason.
  await page.locator("details.charter-form summary").click();
  for (const part of ["Mission", "Vision", "Valeurs", "Objectifs communs"]) await page.getByLabel(part).fill("");
  await page.getByRole("button", { name: "Enregistrer la charte" }).click();
  await expect(page.getByRole("alert")).toHaveText("Écrivez au moins une des quatre parties.");
  const goals = unique("Un parcours d'accueil commun aux cinq équipes");
  await page.getByLabel("Objectifs communs").fill(goals);
  await page.getByRole("button", { name: "Enregistrer la charte" }).click();
  await expect(page.getByRole("region", { name: "Charte de la communauté" }).getByText(goals)).toBeVisible();
  await shot(page, "phone-nojs-charter");
});

test("file a proposal in a learning network without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Réseau des managers de proximité/);
  await page.getByRole("link", { name: "Propositions et expérimentations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Réseau des managers/ })).toBeVisible();
  // Refused: back on the page with the form open and the reason.
  await page.locator("details.proposal-form summary").click();
  await page.getByRole("button", { name: "Proposer", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Titre : Ce champ est obligatoire.");
  const title = unique("Un tableau des blocages");
  await page.getByLabel("Titre").first().fill(title);
  await page.getByLabel("Le problème").first().fill("Les blocages se découvrent le vendredi.");
  await page.getByLabel("Le changement proposé").first().fill("Un tableau visible de tous, mis à jour chaque matin.");
  await page.getByRole("button", { name: "Proposer", exact: true }).click();
  await expect(page.getByRole("article").filter({ hasText: title })).toContainText("Proposée par Camille Martin");
  await shot(page, "phone-nojs-network");
});

test("answer a live session without JavaScript", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Réseau des managers de proximité/);
  await page.getByRole("link", { name: "Manager Boost de décembre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manager Boost de décembre" })).toBeVisible();
  await page.getByRole("button", { name: "Je n'y vais pas" }).click();
  await expect(page.getByRole("button", { name: "Je n'y vais pas" })).toHaveAttribute("aria-pressed", "true");
  await shot(page, "phone-nojs-session");
});

test("open a notification without JavaScript: it is read, and what it tells of opens", async ({ page }) => {
  const camille = "(select id from people where email = 'camille.martin@demo.apprenance.fr')";
  sqlExec(`update notifications set read_at = now() where person_id = ${camille}`);
  sqlExec(
    `update notifications set read_at = null where id = (select id from shown_notifications
       where person_id = ${camille} order by due_at desc, id limit 1)`,
  );
  await signIn(page);
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: /^Notifications/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await shot(page, "phone-nojs-notifications");
  await page.getByRole("listitem").filter({ hasText: "Non lue" }).getByRole("button").click();
  await expect(page).not.toHaveURL(/\/notifications$/);
  expect(sqlCount(`select count(*) from notifications where person_id = ${camille} and read_at is null`)).toBe(0);
});

test("put a prompt to a circle without JavaScript", async ({ page }) => {
  await signIn(page, ANIMATOR);
  await page.goto("/manage/prompts");
  const text = unique("Quel rituel d'équipe garderiez-vous ?");
  await page.locator("details.schedule-form summary").click();
  await page.getByLabel("La question ou le thème").fill(text);
  const at = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 16);
  await page.getByLabel("Ouverture").fill(at(-1));
  await page.getByLabel("Clôture").fill(at(10));
  await page.getByRole("checkbox", { name: "CAP Accueil des nouveaux" }).check();
  await page.getByRole("button", { name: "Programmer" }).click();
  await expect(page.getByRole("region", { name: "En cours et à venir" }).getByRole("listitem").filter({ hasText: text })).toContainText(
    /0 sur \d+ membres ont répondu/,
  );
});

test("choose a time zone without JavaScript, and the organisation's again", async ({ page }) => {
  const karims = (zone: string) =>
    sqlCount(`select count(*) from people where email = 'karim.benali@demo.apprenance.fr' and time_zone ${zone}`);
  await signIn(page, LEAD);
  await page.getByRole("link", { name: "Réglages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Réglages" })).toBeVisible();
  await page.getByLabel("Afficher les heures à l'heure de").selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Fuseau choisi : Asia/Tokyo")).toBeVisible();
  await expect(page.getByLabel("Afficher les heures à l'heure de")).toHaveValue("Asia/Tokyo");
  expect(karims("= 'Asia/Tokyo'")).toBe(1);
  await shot(page, "phone-nojs-settings");
  await page.getByLabel("Afficher les heures à l'heure de").selectOption("");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Fuseau de l'organisation : Europe/Paris")).toBeVisible();
  expect(karims("is null")).toBe(1);
});

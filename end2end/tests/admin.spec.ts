// Running circles, on phones: Sophie (animator) creates a PLC, finds Camille by typing her name
// without its accent, adds her; Camille finds the circle on her home page. Sophie archives it:
// it leaves Camille's home, and Camille reads it with nothing to write in. The pages read
// offline once seen. Forms refused before the app started keep what was typed once it starts,
// until they are sent again.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { randomUUID } from "node:crypto";
import { ANIMATOR, ask, hydrated, offlineReady, openCircle, openThread, secondPhone, shot, signIn, sqlCount, sqlExec, unique } from "./helpers";

async function manageCircles(page: Page) {
  await signIn(page, ANIMATOR);
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await page.getByRole("link", { name: /Animer les cercles/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Animer les cercles" })).toBeVisible();
}

async function seriousViolations(page: Page) {
  const a11y = await new AxeBuilder({ page }).analyze();
  return a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

test("an animator creates a circle, adds a colleague found by name, then archives it", async ({ page, browser }) => {
  await manageCircles(page);
  await hydrated(page);
  const name = unique("CAP Relation client");
  await page.getByText("Créer un cercle").click();
  await page.getByLabel("Nom du cercle").fill(name);
  await page.getByLabel("Sa raison d'être").fill("Partager nos réponses aux réclamations difficiles.");
  await page.getByLabel("Communauté d'apprentissage (CAP)").check();
  await page.getByLabel("Pour une CAP : son périmètre").selectOption("work_team");
  await shot(page, "phone-manage-circles-form");
  await page.getByRole("button", { name: "Créer le cercle" }).click();
  // Sent, then listed once it has landed.
  const item = page.getByRole("link", { name: new RegExp(name) });
  await expect(item).toBeVisible();
  await expect(item).toContainText("Équipe de travail");
  await expect(item).toContainText("0 membres");
  expect(sqlCount(`select count(*) from circles where name = '${name}' and kind = 'plc' and plc_type = 'work_team'`)).toBe(1);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "phone-manage-circles");

  await item.click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("Un cercle vit à partir de 3 membres")).toBeVisible();
  await page.getByLabel("Chercher une personne par son nom").fill("camille");
  await page.getByRole("button", { name: "Chercher" }).click();
  await expect(page).toHaveURL(/\?q=camille/);
  await page.getByRole("button", { name: "Ajouter Camille Martin" }).click();
  const members = page.getByRole("region", { name: /Membres/ });
  await expect(members.getByText("Camille Martin")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Membres : 1" })).toBeVisible();
  // Accents and case do not matter: "anais" finds Anaïs.
  await page.getByLabel("Chercher une personne par son nom").fill("ANAIS");
  await page.getByRole("button", { name: "Chercher" }).click();
  await page.getByRole("button", { name: "Ajouter Anaïs Henry" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Membres : 2" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, "phone-circle-members");

  // Camille, on her phone, finds it on her home page.
  const other = await secondPhone(browser);
  const camille = await other.newPage();
  await signIn(camille);
  await expect(camille.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await expect(camille.getByRole("region", { name: "Mes cercles" }).getByRole("link", { name: new RegExp(name) })).toBeVisible();

  // Anaïs taken out again; then the circle archived.
  await page.getByRole("region", { name: /Membres/ }).getByRole("button", { name: "Retirer Anaïs Henry" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Membres : 1" })).toBeVisible();
  await page.getByRole("button", { name: "Archiver" }).click();
  await expect(page.getByText("Ce cercle est archivé : ses membres le lisent encore")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rouvrir" })).toBeVisible();
  expect(sqlCount(`select count(*) from activity_events e join circles c on c.id = e.circle_id
                   where c.name = '${name}' and e.kind in ('created_circle', 'added_member', 'removed_member', 'archived_circle')`)).toBe(5);

  await camille.reload();
  await expect(camille.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await expect(camille.getByRole("link", { name: new RegExp(name) })).toHaveCount(0);
  const circleId = new URL(page.url()).pathname.split("/").pop();
  await camille.goto(`/circles/${circleId}`);
  await expect(camille.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(camille.getByText("Ce cercle est archivé")).toBeVisible();
  await expect(camille.getByLabel("Comment fais-tu pour… ?")).toHaveCount(0);
  await other.close();
});

test("past twelve members, the members page advises splitting the circle", async ({ page }) => {
  const id = randomUUID();
  const name = unique("Grand cercle");
  sqlExec(`insert into circles (org_id, id, kind, name)
           select id, '${id}', 'peer', '${name}' from organisations where slug = 'atelier-durand'`);
  sqlExec(`insert into circle_members (org_id, circle_id, person_id)
           select c.org_id, c.id, m.person_id from circles c join memberships m on m.org_id = c.org_id
           where c.id = '${id}' order by m.person_id limit 13`);
  await signIn(page, ANIMATOR);
  await expect(page.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await page.goto(`/manage/circles/${id}`);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Membres : 13" })).toBeVisible();
  await expect(page.getByText("Au-delà de 12 membres, tout le monde ne prend plus la parole")).toBeVisible();
  await shot(page, "phone-circle-members-too-many");
});

test("the circle pages read offline once seen", async ({ page, context }) => {
  await manageCircles(page);
  await hydrated(page);
  await offlineReady(page);
  await page.getByRole("link", { name: /Cercle logistique/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Cercle logistique" })).toBeVisible();
  await hydrated(page);
  const members = page.url();
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "Animer les cercles" })).toBeVisible();

  await context.setOffline(true);
  await page.goto("/manage/circles");
  await expect(page.getByRole("heading", { level: 1, name: "Animer les cercles" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Cercle Passage au nouvel ERP/ })).toContainText("Archivé");
  await page.goto(members);
  await expect(page.getByRole("heading", { level: 1, name: "Cercle logistique" })).toBeVisible();
  await expect(page.getByText(/Hors ligne : données de la dernière synchro/)).toBeVisible();
  await context.setOffline(false);
});

test("a colleague who is no animator is refused the pages", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Animer les cercles/ })).toHaveCount(0);
  await page.goto("/manage/circles");
  await expect(page.getByRole("alert")).toHaveText("Cet espace ne vous est pas ouvert.");
});

test.describe("sent before the app started", () => {
  // The app's files are held back below; a service worker would serve them around the route.
  test.use({ serviceWorkers: "block" });

  test("a circle refused before the app started comes back a PLC, and stays one once it starts", async ({ page }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await manageCircles(page);
    // From here the app's script and wasm wait (not its style): the form posts as a plain HTML form.
    await page.route(/\/pkg\/.*\.(js|wasm)$/, async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    // "load" would wait for the held script: the page is read as soon as it arrives.
    await page.reload({ waitUntil: "commit" });
    const purpose = unique("Nos réponses aux réclamations, avant que l'app démarre");
    await page.getByText("Créer un cercle").click();
    await page.getByLabel("Sa raison d'être").fill(purpose);
    await page.getByLabel("Communauté d'apprentissage (CAP)").check();
    await page.getByLabel("Pour une CAP : son périmètre").selectOption("work_team");
    // No name: refused, and back with the purpose and the kind chosen.
    await page.getByRole("button", { name: "Créer le cercle" }).click();
    await expect(page).toHaveURL(/__err=/);
    await expect(page.getByRole("alert")).toBeVisible();
    await expect(page.getByLabel("Sa raison d'être")).toHaveValue(purpose);
    // Now the app starts on that page: it keeps what the server filled in.
    release();
    await hydrated(page);
    await expect(page.getByLabel("Communauté d'apprentissage (CAP)")).toBeChecked();
    await expect(page.getByLabel("Pour une CAP : son périmètre")).toHaveValue("work_team");
    await expect(page.getByLabel("Sa raison d'être")).toHaveValue(purpose);
    const name = unique("CAP Réclamations");
    await page.getByLabel("Nom du cercle").fill(name);
    await page.getByRole("button", { name: "Créer le cercle" }).click();
    await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
    expect(sqlCount(`select count(*) from circles where name = '${name}' and kind = 'plc' and plc_type = 'work_team'`)).toBe(1);
    // Landed, the list reloads around the form: the refusal is past, the form blank again, and
    // the address has lost the error (a reload would not show it again).
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expectBlankForm(page);
    await expect(page).not.toHaveURL(/__err=/);
    // Back on that page later (history), nothing of it returns either.
    await page.getByRole("link", { name: new RegExp(name) }).click();
    await expect(page).toHaveURL(/\/manage\/circles\/[0-9a-f-]{36}/);
    await page.goBack();
    await expect(page.getByRole("link", { name: new RegExp(name) })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveCount(0);
    await expectBlankForm(page);
  });

  test("a practice refused before the app started keeps its text while another write lands", async ({ page }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await signIn(page);
    await openCircle(page, /Cercle des conseillers/);
    await page.route(/\/pkg\/.*\.(js|wasm)$/, async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    await page.reload({ waitUntil: "commit" });
    // One tag too many: refused, and back in its form.
    const share = page.locator("details.share").filter({ hasText: "Partager une pratique" });
    await share.locator("summary").click();
    const body = unique("J'ai relu chaque devis avec le client au téléphone.");
    const tags = "devis, appel, client, relecture, confiance, erreurs";
    await share.getByLabel("Ce que j'ai fait", { exact: true }).fill(body);
    await share.getByLabel("Mots-clés", { exact: true }).fill(tags);
    await page.getByRole("button", { name: "Partager la pratique" }).click();
    await expect(share.getByRole("alert")).toContainText("Mots-clés");
    release();
    await hydrated(page);
    // Another write lands (a reaction) and the page's list reloads: the practice is still there
    // to fix, with why it was refused.
    const useful = page.getByRole("region", { name: "Échanges" }).getByRole("button", { name: /^Utile · / }).first();
    const pressed = await useful.getAttribute("aria-pressed");
    await useful.click();
    await expect(useful).toHaveAttribute("aria-pressed", pressed === "true" ? "false" : "true");
    await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
    await expect(share.getByLabel("Ce que j'ai fait", { exact: true })).toHaveValue(body);
    await expect(share.getByLabel("Mots-clés", { exact: true })).toHaveValue(tags);
    await expect(share.getByRole("alert")).toContainText("Mots-clés");
    // As it was: the reaction taken back.
    await useful.click();
    await expect(useful).toHaveAttribute("aria-pressed", pressed ?? "false");
    await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
  });

  test("a stale edit refused before the app started stays while another post's edit lands", async ({ page }) => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await signIn(page);
    await openCircle(page, /Cercle des conseillers/);
    await hydrated(page);
    const question = unique("Comment fais-tu pour relire avant d'envoyer ?");
    await ask(page, question);
    await openThread(page, question);
    await hydrated(page);
    const ownReply = unique("Je relis à voix haute.");
    await page.getByLabel("Votre réponse").fill(ownReply);
    await page.getByRole("button", { name: "Publier la réponse" }).click();
    const replyCard = page.getByRole("region", { name: /Réponses/ }).getByRole("article").filter({ hasText: ownReply });
    await expect(replyCard).toHaveCount(1);
    await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
    await page.route(/\/pkg\/.*\.(js|wasm)$/, async (route) => {
      await released;
      await route.continue().catch(() => {});
    });
    await page.reload({ waitUntil: "commit" });
    // The question changed on another device meanwhile: this phone's edit is refused, kept.
    const head = () => page.getByRole("article").first();
    await head().getByText("Modifier, signaler…").click();
    const theirs = unique("Comment fais-tu pour relire, version de l'autre téléphone ?");
    sqlExec(
      `update posts set body = $t$${theirs}$t$, body_html = $t$<p>${theirs}</p>$t$, version = version + 1 where body = $t$${question}$t$`,
    );
    const mine = unique("Comment fais-tu pour relire, quand tout presse ?");
    await head().getByLabel("Nouveau texte").fill(mine);
    await head().getByRole("button", { name: "Enregistrer la modification" }).click();
    await expect(page.getByRole("alert")).toContainText("Ce texte a changé depuis que vous l'avez ouvert");
    release();
    await hydrated(page);
    // Another post's edit (the reply) lands and the thread reloads: the question's edit stays.
    await replyCard.getByText("Modifier, signaler…").click();
    const replyEdited = unique("Je relis à voix haute, lentement.");
    await replyCard.getByLabel("Nouveau texte").fill(replyEdited);
    await replyCard.getByRole("button", { name: "Enregistrer la modification" }).click();
    const edited = page.getByRole("region", { name: /Réponses/ }).getByRole("article").filter({ hasText: replyEdited });
    await expect(edited.locator(".post-body")).toContainText(replyEdited);
    await expect(page.getByText("En attente d'envoi")).toHaveCount(0);
    await expect(head().getByLabel("Nouveau texte")).toHaveValue(mine);
    await expect(head().getByLabel("Nouveau texte")).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Ce texte a changé depuis que vous l'avez ouvert");
  });
});

/** The new-circle form, opened: nothing typed or chosen in it. */
async function expectBlankForm(page: Page) {
  await page.getByText("Créer un cercle").click();
  await expect(page.getByLabel("Sa raison d'être")).toHaveValue("");
  await expect(page.getByLabel("Communauté d'apprentissage (CAP)")).not.toBeChecked();
  await page.getByText("Créer un cercle").click();
}

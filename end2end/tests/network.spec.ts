// A learning network, on phones: Camille files a proposal offline; it lands once when the
// network returns. Karim, on the steering committee, accepts it; Camille, its author, starts the
// experiment. A member who is not on the committee has no decision form. The page reads offline
// once seen.
import { test, expect, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { LEAD, hydrated, offlineReady, openCircle, secondPhone, shot, signIn, sqlCount, unique } from "./helpers";

const NETWORK = /Réseau des managers de proximité/;

async function openNetwork(page: Page) {
  await openCircle(page, NETWORK);
  await page.getByRole("link", { name: "Propositions et expérimentations" }).click();
  await expect(page).toHaveURL(/\/circles\/[^/]+\/network$/);
  await expect(page.getByRole("heading", { level: 1, name: NETWORK })).toBeVisible();
}

test("a proposal filed offline is accepted by the committee and becomes a running experiment", async ({ page, context, browser }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await offlineReady(page);
  await openNetwork(page);
  await hydrated(page);
  // The demo's network: its committee, themes, a proposal in each state, experiments.
  await expect(page.getByText("Pierre Morel").first()).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toContainText(["Thèmes", "À décider", "Expérimentations"]);
  await expect(page.getByRole("heading", { level: 3, name: "En cours" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Conclue" })).toBeVisible();
  // Camille is no committee member: no decision form.
  await expect(page.getByText("Décider", { exact: true })).toHaveCount(0);
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "phone-network");

  // A proposal without a title is refused on the phone itself.
  await page.locator("details.proposal-form summary").click();
  await page.getByLabel("Le problème").first().fill("Les réunions finissent sans décision.");
  await page.getByRole("button", { name: "Proposer", exact: true }).click();
  await expect(page.getByRole("alert")).toContainText("Titre : Ce champ est obligatoire.");
  await shot(page, "phone-network-form");

  // Offline, she files it: it waits, then lands once.
  await context.setOffline(true);
  const title = unique("Un relevé de décisions en fin de réunion");
  await page.getByLabel("Titre").first().fill(title);
  await page.getByLabel("Le changement proposé").first().fill("Deux minutes à la fin pour écrire ce qui est décidé.");
  await page.getByLabel("Thème", { exact: true }).first().selectOption({ label: "Des réunions qui servent" });
  await page.getByRole("button", { name: "Proposer", exact: true }).click();
  const outbox = page.getByRole("region", { name: "Vos envois" });
  await expect(outbox.getByRole("listitem")).toContainText(`Proposition : ${title}`);
  await expect(outbox.getByText("En attente d'envoi")).toHaveCount(1);
  await context.setOffline(false);
  const filed = page.getByRole("article").filter({ hasText: title });
  await expect(filed).toContainText("Proposée par Camille Martin");
  await expect(filed).toContainText("Des réunions qui servent");
  expect(sqlCount(`select count(*) from network_proposals where title = '${title}'`)).toBe(1);

  // Karim, on the committee, accepts it from his phone.
  const other = await secondPhone(browser);
  const karim = await other.newPage();
  await signIn(karim, LEAD);
  await expect(karim.getByRole("heading", { level: 1, name: /Bonjour/ })).toBeVisible();
  await karim.goto(page.url());
  await hydrated(karim);
  const toDecide = karim.getByRole("article").filter({ hasText: title });
  await toDecide.getByText("Décider", { exact: true }).click();
  await toDecide.getByLabel("Accepter").check();
  await toDecide.getByLabel("Commentaire ou raison").fill("Essayez-le un mois au service client.");
  await shot(karim, "phone-network-decide");
  await toDecide.getByRole("button", { name: "Envoyer la décision" }).click();
  await expect(karim.getByRole("article").filter({ hasText: title })).toContainText("Acceptée par Karim Benali");
  await other.close();

  // Camille, its author, starts the experiment.
  await page.reload();
  await hydrated(page);
  const accepted = page.getByRole("article").filter({ hasText: title });
  await expect(accepted).toContainText("Prévue");
  await accepted.getByText("Suivre l'expérimentation").click();
  await accepted.getByLabel("Où elle en est").selectOption({ label: "En cours" });
  await accepted.getByRole("button", { name: "Enregistrer" }).click();
  await expect(accepted.getByRole("alert")).toContainText("Début : Ce champ est obligatoire.");
  await accepted.getByLabel("Début").fill("2026-12-07");
  await accepted.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByRole("article").filter({ hasText: title })).toContainText("07/12/2026 →");
  expect(sqlCount(`select count(*) from network_experiments e join network_proposals p on p.id = e.proposal_id where p.title = '${title}' and e.state = 'running'`)).toBe(1);

  // Seen once, it reads offline.
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: NETWORK })).toBeVisible();
  await expect(page.getByRole("status")).toContainText("Hors ligne");
  await expect(page.getByRole("article").filter({ hasText: title })).toBeVisible();
  await context.setOffline(false);
});

// Live sessions, on phones: Camille schedules a session in her circle, in her time zone; she
// says she is going, and its calendar file downloads for her phone's calendar. The demo's
// Manager Boost shows who is going.
import { test, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { ANIMATOR, hydrated, openCircle, shot, signIn, sqlCount, unique } from "./helpers";

/** 14 January next year: always to come, in winter time (Paris is then UTC+1). */
const YEAR = new Date().getFullYear() + 1;

test("a session is scheduled, answered, and its .ics downloads", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const sessions = page.getByRole("region", { name: "Sessions en direct" });
  await expect(sessions).toContainText("Atelier : les appels difficiles");
  await expect(sessions.getByRole("listitem").filter({ hasText: "Atelier : les appels difficiles" })).toContainText(
    "Terminée · présents : 4",
  );

  // An end before its start is refused on the phone itself.
  await sessions.locator("details.schedule-form summary").click();
  const title = unique("Atelier réclamations");
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("Début").fill(`${YEAR}-01-14T18:30`);
  await page.getByLabel("Fin").fill(`${YEAR}-01-14T17:00`);
  await page.getByRole("button", { name: "Planifier" }).click();
  await expect(sessions.getByRole("alert")).toContainText("Fin : La fin doit venir après le début.");
  await page.getByLabel("Fin").fill(`${YEAR}-01-14T20:00`);
  await page.getByLabel("Lieu").fill("Salle 2");
  await shot(page, "phone-session-form");
  await page.getByRole("button", { name: "Planifier" }).click();
  const listed = sessions.getByRole("listitem").filter({ hasText: title });
  await expect(listed).toContainText(`14/01/${YEAR} 18:30 – 20:00`);
  expect(sqlCount(`select count(*) from live_sessions where title = '${title}'`)).toBe(1);

  // Its page: she is going.
  await listed.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await hydrated(page);
  await page.getByRole("button", { name: "J'y vais" }).click();
  await expect(page.getByRole("button", { name: "J'y vais" })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { level: 2, name: "Ils y vont (1)" })).toBeVisible();
  const a11y = await new AxeBuilder({ page }).analyze();
  expect(a11y.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await shot(page, "phone-session");

  // The calendar file, as her phone gets it.
  const href = await page.getByRole("link", { name: "Ajouter à mon agenda (.ics)" }).getAttribute("href");
  const file = await page.request.get(href ?? "/");
  expect(file.status()).toBe(200);
  expect(file.headers()["content-type"]).toContain("text/calendar");
  const ics = await file.text();
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain(`DTSTART:${YEAR}0114T173000Z`);
  expect(ics).toContain(`SUMMARY:${title}`);
});

test("the network's Manager Boost shows who is going", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Réseau des managers de proximité/);
  await page.getByRole("region", { name: "Sessions en direct" }).getByRole("link", { name: "Manager Boost de décembre" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manager Boost de décembre" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Ils y vont (4)" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Rejoindre la visio" })).toHaveAttribute("rel", "noopener noreferrer");
  await shot(page, "phone-session-boost");
});

test("an animator records who came to a session that has ended, and corrects it", async ({ page }) => {
  await signIn(page, ANIMATOR);
  await openCircle(page, /Cercle des conseillers/);
  const sessions = page.getByRole("region", { name: "Sessions en direct" });
  await sessions.getByRole("link", { name: "Atelier : les appels difficiles" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Atelier : les appels difficiles" })).toBeVisible();
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 2, name: "Présences (4)" })).toBeVisible();
  const mark = page.getByRole("button", { name: /^Noter .* présent·e$/ }).first();
  const who = ((await mark.getAttribute("aria-label")) ?? "").replace(/^Noter /, "").replace(/ présent·e$/, "");
  await mark.click();
  const undo = page.getByRole("button", { name: `Retirer ${who} des présents` });
  await expect(undo).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { level: 2, name: "Présences (5)" })).toBeVisible();
  expect(sqlCount(`select count(*) from session_attendance a join live_sessions s on s.id = a.session_id
                   where s.title = 'Atelier : les appels difficiles'`)).toBe(5);
  await shot(page, "phone-session-attendance");
  // A mistake is undone with a second touch.
  await undo.click();
  await expect(page.getByRole("heading", { level: 2, name: "Présences (4)" })).toBeVisible();
  expect(sqlCount(`select count(*) from session_attendance a join live_sessions s on s.id = a.session_id
                   where s.title = 'Atelier : les appels difficiles'`)).toBe(4);
});

// The sync engine in a real browser: two tabs, Postgres really stopped, entries of an older
// format, a full storage.
import { test, expect } from "@playwright/test";
import { ask, hydrated, me, offlineReady, openCircle, postsWithBody, shot, signIn, startPostgres, stopPostgres, twoTabsOnCircle, unique } from "./helpers";

test("two tabs queue writes offline; each is sent once", async ({ page, context }) => {
  const other = await twoTabsOnCircle(page, context);

  // Every sync request either tab gets an answer to (offline tries fail without one): one tab
  // replays at a time, so each write reaches the server once.
  let sent = 0;
  for (const p of [page, other]) p.on("response", (r) => r.url().includes("/api/sync") && sent++);
  await context.setOffline(true);
  const fromA = unique("Comment fais-tu pour noter tes idées ?");
  const fromB = unique("Comment fais-tu pour relire sans fatigue ?");
  await ask(page, fromA);
  await ask(other, fromB);
  // Each tab sees both writes (they share the queue in storage).
  for (const p of [page, other]) {
    await expect(p.getByRole("region", { name: "Vos envois" }).getByText("En attente d'envoi")).toHaveCount(2);
  }

  await context.setOffline(false);
  for (const p of [page, other]) {
    const posts = p.getByRole("region", { name: "Échanges" });
    await expect(posts.getByText(fromA)).toHaveCount(1);
    await expect(posts.getByText(fromB)).toHaveCount(1);
  }
  expect(postsWithBody(fromA)).toBe(1);
  expect(postsWithBody(fromB)).toBe(1);
  expect(sent).toBe(2);
});

test("Postgres stopped while a person writes: nothing lost or doubled, the page recovers", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  const question = unique("Comment fais-tu pour avancer quand la base tombe ?");
  stopPostgres();
  try {
    const refused = page.waitForResponse((r) => r.url().includes("/api/sync") && r.status() === 503);
    await ask(page, question);
    const outbox = page.getByRole("region", { name: "Vos envois" });
    await expect(outbox.getByText(question)).toBeVisible();
    // The server answered 503 (Postgres refused): still pending, never failed.
    await refused;
    await expect(outbox.getByText("En attente d'envoi")).toHaveCount(1);
    await shot(page, "phone-database-down");
  } finally {
    startPostgres();
  }
  // The outbox retries on its own (every 30 s): no reload, no click.
  await expect(page.getByRole("region", { name: "Échanges" }).getByText(question)).toHaveCount(1, { timeout: 60_000 });
  expect(postsWithBody(question)).toBe(1);
});

test("a queued write of an older format shows as failed with its text, never dropped", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("heading", { level: 1, name: "Bonjour Camille Martin" })).toBeVisible();
  await hydrated(page);
  const { person_id, org_id } = await me(page);
  const old = unique("Comment fais-tu pour ranger ton bureau ?");
  const odd = unique("Comment fais-tu pour lire vite ?");
  await page.evaluate(
    ([person, org, old, odd]) => {
      const id = crypto.randomUUID();
      localStorage.setItem(
        `apprenance:v1:outbox:${person}`,
        JSON.stringify([{ id, seq: 1, write: { AskQuestion: { circle_id: crypto.randomUUID(), body: old } }, status: "Pending" }]),
      );
      localStorage.setItem(`apprenance:v2:outbox:${person}:${org}:${id}`, JSON.stringify({ v: 1, question: odd }));
    },
    [person_id, org_id, old, odd],
  );
  // A load while the service worker precaches can stall (see helpers' offlineReady): not what
  // this test is about.
  await offlineReady(page);
  await page.reload();
  await hydrated(page);
  const region = page.getByRole("region", { name: "Envois d'une version précédente" });
  await expect(region.getByText(old)).toBeVisible();
  await expect(region.getByText(odd)).toBeVisible();
  await expect(region.getByText("Échec")).toHaveCount(2);
  await expect(region.getByRole("button", { name: "Copier le texte" })).toHaveCount(2);
  await shot(page, "phone-outbox-outdated");
  // Still there after another reload: nothing drops it but the person.
  await page.reload();
  await hydrated(page);
  await expect(region.getByText(old)).toBeVisible();
  for (let i = 0; i < 2; i++) await region.getByRole("button", { name: "Abandonner" }).first().click();
  await expect(region).toHaveCount(0);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes(":outbox:")).length);
  expect(left).toBe(0);
});

test("a full storage is said, and the text stays in the field", async ({ page }) => {
  await signIn(page);
  await openCircle(page, /Cercle des conseillers/);
  await hydrated(page);
  await page.evaluate(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      if (key.includes(":outbox:")) throw new DOMException("quota", "QuotaExceededError");
      return setItem.call(this, key, value);
    };
  });
  const question = unique("Comment fais-tu pour libérer de la place ?");
  await ask(page, question);
  await expect(page.getByRole("alert")).toHaveText(
    "Le stockage de ce téléphone est plein : rien n'a été enregistré. Votre texte est resté dans le champ.",
  );
  await expect(page.getByLabel("Comment fais-tu pour… ?")).toHaveValue(question);
  await expect(page.getByRole("region", { name: "Vos envois" })).toHaveCount(0);
  expect(postsWithBody(question)).toBe(0);
});

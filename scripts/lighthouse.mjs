// Lighthouse 12 on each page, at its default mobile settings (simulated slow 4G, 4x CPU
// slowdown), Debian's Chromium through CHROME_PATH. Prints one Markdown row per page: of
// --runs runs, the one with the median performance score (its LCP and TBT are that run's),
// as Lighthouse advises for noisy machines.
//   node scripts/lighthouse.mjs --cookie 'apprenance_session=...' --runs 3 \
//     --signed-out sign-in=http://host/login --signed-in home=http://host/ circle=http://host/circles/<id>
// Pages after `--signed-out` are loaded without the cookie, after `--signed-in` with it.
// Exits 1 if a run failed or a page ended on another address (a signed-in page sent to sign-in).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const args = process.argv.slice(2);
let cookie = "";
let runs = 3;
let signedIn = true;
const pages = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--cookie") cookie = args[++i];
  else if (args[i] === "--runs") runs = Number(args[++i]);
  else if (args[i] === "--signed-out") signedIn = false;
  else if (args[i] === "--signed-in") signedIn = true;
  else if (/^[\w-]+=https?:\/\//.test(args[i])) {
    const [name, url] = args[i].split(/=(.*)/s);
    pages.push({ name, url, signedIn });
  } else {
    console.error(`unknown argument ${args[i]} (want name=http://...)`);
    process.exit(2);
  }
}
if (!Number.isInteger(runs) || runs < 1 || pages.length === 0) {
  console.error("usage: lighthouse.mjs [--cookie C] [--runs N>0] [--signed-out|--signed-in] name=url ...");
  process.exit(2);
}
const lighthouse = new URL("../.tools/bench/node_modules/.bin/lighthouse", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "lighthouse-"));
const headers = join(dir, "headers.json");
writeFileSync(headers, JSON.stringify({ Cookie: cookie }));

function once(page, n) {
  const out = join(dir, `${page.name}-${n}.json`);
  execFileSync(
    lighthouse,
    [
      page.url,
      "--quiet",
      "--output=json",
      `--output-path=${out}`,
      "--only-categories=performance,accessibility",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
      ...(page.signedIn && cookie ? [`--extra-headers=${headers}`] : []),
    ],
    { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" } },
  );
  const report = JSON.parse(readFileSync(out, "utf8"));
  if (report.runtimeError || report.categories.performance.score === null) {
    throw new Error(report.runtimeError?.message ?? "no performance score");
  }
  const audit = (id) => report.audits[id];
  return {
    performance: Math.round(report.categories.performance.score * 100),
    accessibility: Math.round(report.categories.accessibility.score * 100),
    fcp: audit("first-contentful-paint").numericValue,
    lcp: audit("largest-contentful-paint").numericValue,
    tbt: audit("total-blocking-time").numericValue,
    cls: audit("cumulative-layout-shift").numericValue,
    lcpElement: audit("largest-contentful-paint-element")?.details?.items?.[0]?.items?.[0]?.node?.selector ?? "",
    finalUrl: report.finalDisplayedUrl,
  };
}

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log("| page | performance | FCP | LCP | TBT | CLS | accessibility |");
console.log("|---|---|---|---|---|---|---|");
const notes = [];
let failed = false;
for (const page of pages) {
  const results = [];
  for (let n = 0; n < runs; n++) {
    try {
      results.push(once(page, n));
    } catch (e) {
      failed = true;
      notes.push(`${page.name}: run ${n + 1} failed: ${e.message}`);
    }
  }
  if (results.length === 0) {
    console.log(`| ${page.name} | failed | | | | | |`);
    continue;
  }
  results.sort((a, b) => a.performance - b.performance);
  const r = results[Math.floor(results.length / 2)];
  const elsewhere = new URL(r.finalUrl).pathname !== new URL(page.url).pathname;
  const name = elsewhere ? `${page.name} (ended on ${new URL(r.finalUrl).pathname})` : page.name;
  failed ||= elsewhere;
  console.log(
    `| ${name} | ${r.performance} | ${seconds(r.fcp)} | ${seconds(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(2)} | ${r.accessibility} |`,
  );
  notes.push(`${page.name}: largest element ${r.lcpElement || "?"}; performance of the ${results.length} runs: ${results.map((x) => x.performance).join(", ")}`);
}
for (const note of notes) console.log(note);
console.log("goal: performance 95+, LCP 1.5 s or less, TBT 150 ms or less, CLS 0, accessibility 100");
process.exit(failed ? 1 : 0);

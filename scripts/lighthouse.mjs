// Lighthouse 12 on each page, at its default mobile settings (simulated slow 4G, 4x CPU
// slowdown), Debian's Chromium through CHROME_PATH. Prints one Markdown row per page: the
// median of --runs runs by performance score, as Lighthouse advises for noisy machines.
//   node scripts/lighthouse.mjs --cookie 'apprenance_session=...' --runs 3 \
//     sign-in=http://host/login home=http://host/ "circle=http://host/circles/<id>"
// Pages named after a `--signed-out` argument are loaded without the cookie.
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
  else {
    const [name, url] = args[i].split(/=(.*)/s);
    pages.push({ name, url, signedIn });
  }
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
for (const page of pages) {
  const results = Array.from({ length: runs }, (_, n) => once(page, n)).sort((a, b) => a.performance - b.performance);
  const r = results[Math.floor(results.length / 2)];
  console.log(
    `| ${page.name} | ${r.performance} | ${seconds(r.fcp)} | ${seconds(r.lcp)} | ${Math.round(r.tbt)} ms | ${r.cls.toFixed(2)} | ${r.accessibility} |`,
  );
  if (new URL(r.finalUrl).pathname !== new URL(page.url).pathname) notes.push(`${page.name}: ended on ${r.finalUrl}`);
  notes.push(`${page.name}: largest element ${r.lcpElement || "?"}; performance over ${runs} runs: ${results.map((x) => x.performance).join(", ")}`);
}
for (const note of notes) console.log(note);
console.log("goal: performance 95+, LCP 1.5 s or less, TBT 150 ms or less, CLS 0, accessibility 100");

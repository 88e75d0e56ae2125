// Prints what failed in the last Playwright run, briefly: CI shows only the end of the output,
// and the list reporter ends with trace paths, far below each failure's message.
// Usage: node scripts/e2e-failures.mjs end2end/test-results/report.json
import { readFileSync } from "node:fs";

const LINES = 8;
const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const plain = (s) => s.replace(/\u001b\[[0-9;]*m/g, "");
const failed = [];
const walk = (suite, titles) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      const last = t.results?.[t.results.length - 1];
      if (!last || last.status === "passed" || last.status === "skipped") continue;
      failed.push({ where: `${spec.file}:${spec.line}`, title: [...titles, spec.title].join(" › "), project: t.projectName, last });
    }
  }
  for (const child of suite.suites ?? []) walk(child, child.file ? titles : [...titles, child.title]);
};
for (const suite of report.suites ?? []) walk(suite, []);
for (const f of failed) {
  console.log(`[${f.project}] ${f.where} › ${f.title} (${f.last.status})`);
  const error = f.last.errors?.[0] ?? f.last.error;
  const lines = plain(error?.message ?? "no message").split("\n").filter((l) => l.trim());
  for (const line of lines.slice(0, LINES)) console.log(`    ${line.slice(0, 200)}`);
  const at = error?.location;
  if (at) console.log(`    at ${at.file.split("/end2end/").pop()}:${at.line}`);
}
if (failed.length === 0) console.log("no failed test in the report");

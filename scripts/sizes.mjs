// What a phone downloads, from a release build in target/site (the .br and .gz copies are what
// the server sends): the home page's first load, file by file, then what each lazily loaded
// page adds. With --check FILE, fails when the first load's brotli bytes exceed the value
// committed in FILE by more than its tolerance.
//
//   node scripts/sizes.mjs [--check scripts/bundle-budget.json]
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const pkg = "target/site/pkg";
const hashes = Object.fromEntries(
  readFileSync("target/release/hash.txt", "utf8")
    .split("\n")
    .map((line) => line.split(":").map((part) => part.trim()))
    .filter((parts) => parts.length === 2 && parts[1]),
);
const size = (file) => {
  const at = (suffix) => statSync(join(pkg, file + suffix)).size;
  return { raw: at(""), gz: at(".gz"), br: at(".br") };
};
const row = (name, s) =>
  console.log(`${name.padEnd(58)} ${String(s.raw).padStart(9)} ${String(s.gz).padStart(9)} ${String(s.br).padStart(9)}`);
const sum = (sizes) => sizes.reduce((a, s) => ({ raw: a.raw + s.raw, gz: a.gz + s.gz, br: a.br + s.br }), { raw: 0, gz: 0, br: 0 });

// The first load: the page's JS, the wasm it instantiates, the stylesheet, and the chunk
// loader when the JS imports it (it does in a --split build).
const js = `apprenance.${hashes.js}.js`;
const first = [js, `apprenance.${hashes.wasm}.wasm`, `apprenance.${hashes.css}.css`];
const splitJs = hashes.split ? `__wasm_split.${hashes.split}.js` : null;
if (splitJs && readFileSync(join(pkg, js), "utf8").includes("__wasm_split")) first.push(splitJs);

console.log(`${"home page, first load".padEnd(58)} ${"raw".padStart(9)} ${"gzip".padStart(9)} ${"brotli".padStart(9)}`);
const firstSizes = first.map((f) => {
  const s = size(f);
  row(`  ${f}`, s);
  return s;
});
const total = sum(firstSizes);
row("  total", total);

// Each lazy function (a page's view, mostly) and the chunks it needs beyond the first load.
if (hashes.manifest) {
  const manifest = JSON.parse(readFileSync(join(pkg, `__wasm_split_manifest.${hashes.manifest}.json`), "utf8"));
  console.log("\nwhat each lazily loaded part adds (its chunks, brotli as sent)");
  for (const [name, chunks] of Object.entries(manifest).sort()) {
    const s = sum(chunks.map((c) => size(`${c}.wasm`)));
    // "__circle_page_view_7498324978056444147" -> "circle page view": the number (a hash of the
    // #[lazy] call site) changes when code moves.
    const label = name.replace(/^_+/, "").replace(/_\d+$/, "").replaceAll("_", " ");
    row(`  ${label} (${chunks.length} chunk${chunks.length === 1 ? "" : "s"})`, s);
  }
}

const check = process.argv.indexOf("--check");
if (check > 0) {
  const budget = JSON.parse(readFileSync(process.argv[check + 1], "utf8"));
  const limit = budget.home_first_load_brotli + budget.tolerance;
  console.log(
    `\nhome page first load: ${total.br} B brotli; committed ${budget.home_first_load_brotli} B + ${budget.tolerance} B tolerance = ${limit} B`,
  );
  if (total.br > limit) {
    console.log(`over budget by ${total.br - limit} B: make it smaller, or raise the value in ${process.argv[check + 1]} and say why in the commit`);
    process.exit(1);
  }
}

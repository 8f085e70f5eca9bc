// Bundles every web/frontend/entries/*.js into web/static/build/<name>.js (ES modules, minified), which the
// app serves itself: no CDN, no eval. Run by `npm run build` (Makefile setup, scripts/setup-test.sh).
import { build } from "esbuild";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const entries = readdirSync(join(root, "entries")).filter((name) => name.endsWith(".js"));

await build({
  entryPoints: entries.map((name) => join(root, "entries", name)),
  outdir: join(root, "..", "static", "build"),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  loader: { ".eot": "file", ".svg": "file", ".woff": "file", ".woff2": "file", ".ttf": "file" },
  logLevel: "warning",
});
console.log(`bundled ${entries.length} entr${entries.length === 1 ? "y" : "ies"} into web/static/build/`);

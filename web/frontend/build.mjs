// Bundles every web/frontend/entries/*.js into web/static/build/<name>.js (+ <name>.css), which the app
// serves itself; each page loads only its own entry. Run by `npm run build` at set-up; the outputs are not
// committed.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..', '..');
const outdir = join(root, 'web', 'static', 'build');
const generated = join(here, 'generated');

function packLintConfig() {
  mkdirSync(generated, { recursive: true });
  execFileSync(join(root, 'node_modules', '.bin', 'bpmnlint-pack-config'),
    ['-c', join(root, 'processes', '.bpmnlintrc'), '-o', join(generated, 'bpmnlint-config.js'), '-t', 'es'],
    { cwd: root, stdio: 'inherit' });
}

// CodeMirror (the FEEL editors of the form-js editor) styles itself through style-mod, which adds a <style>
// element whenever the document has a <head>; `style-src 'self'` refuses it. Without the `!root.head` test
// style-mod uses adoptedStyleSheets, which the policy allows (the primer's §6 fix 2).
const STYLE_MOD_TEST = '!root.head && root.adoptedStyleSheets';
const adoptedStyleSheets = {
  name: 'style-mod-adopted-style-sheets',
  setup(build) {
    build.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(STYLE_MOD_TEST)) {
        throw new Error(`${path}: "${STYLE_MOD_TEST}" not found; check the CSP fix for style-mod`);
      }
      return { contents: source.replace(STYLE_MOD_TEST, 'root.adoptedStyleSheets'), loader: 'js' };
    });
  },
};

// form-js's editor pins preact <= 10.15.1 and gets a copy of its own, while its viewer takes the newest one:
// the editor would draw the viewer's components with another preact's hooks and show nothing. Every preact
// import of form-js is resolved as the editor resolves it, so the form editor runs on one preact.
const FORM_JS_EDITOR = join(root, 'node_modules', '@bpmn-io', 'form-js-editor');
const onePreactForFormJs = {
  name: 'one-preact-for-form-js',
  setup(build) {
    build.onResolve({ filter: /^preact(\/[a-z-]+)?$/ }, async (args) => {
      if (args.pluginData === 'form-js' || !/[\\/]@bpmn-io[\\/]form-js-/.test(args.importer)) return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: FORM_JS_EDITOR, pluginData: 'form-js' });
      return resolved.errors.length ? { errors: resolved.errors } : { path: resolved.path };
    });
  },
};

const entries = readdirSync(join(here, 'entries')).filter((name) => name.endsWith('.js'))
  .map((name) => join(here, 'entries', name));

packLintConfig();
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await esbuild.build({
  entryPoints: entries,
  outdir,
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: false,
  target: 'es2020',
  loader: { '.js': 'jsx', '.eot': 'file', '.svg': 'file', '.woff': 'file', '.woff2': 'file', '.ttf': 'file' },
  jsx: 'automatic',
  jsxImportSource: '@bpmn-io/properties-panel/preact',
  alias: { domify: join(here, 'csp-domify.js') },
  plugins: [adoptedStyleSheets, onePreactForFormJs],
  assetNames: 'assets/[name]-[hash]',
  logLevel: 'warning',
});
console.log(`built ${entries.length} entries into ${outdir}`);

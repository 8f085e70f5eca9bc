// «Таблица решений»: a DMN file in dmn-js's decision table editor (the file's first decision table opens, also
// in a file that has a decision requirements diagram),
// Russian texts through dmn-js's translate module, drafts saved on the server (whose check is the one that
// counts).
import DmnModeler from 'dmn-js/lib/Modeler';
import translateModule from '../modeller/translate.js';
import { failed, fetchDocument, pageSettings, saveDraft } from '../editors/drafts.js';
import 'dmn-js/dist/assets/diagram-js.css';
import 'dmn-js/dist/assets/dmn-js-shared.css';
import 'dmn-js/dist/assets/dmn-js-drd.css';
import 'dmn-js/dist/assets/dmn-js-decision-table.css';
import 'dmn-js/dist/assets/dmn-js-decision-table-controls.css';
import 'dmn-js/dist/assets/dmn-js-literal-expression.css';
import 'dmn-js/dist/assets/dmn-font/css/dmn-embedded.css';
import '../editors/editors.css';

const { root, labels } = pageSettings();

async function open() {
  const translate = translateModule(labels.dmn);
  const views = ['drd', 'decisionTable', 'literalExpression', 'boxedExpression'];
  const modeler = new DmnModeler({
    container: '#editor-canvas',
    ...Object.fromEntries(views.map((view) => [view, { additionalModules: [translate] }])),
  });
  const xml = await fetchDocument(root);
  const started = performance.now();
  await modeler.importXML(xml);
  const table = modeler.getViews().find((view) => view.type === 'decisionTable');
  if (table && modeler.getActiveView() !== table) { await modeler.open(table); }
  root.dataset.importMs = String(Math.round(performance.now() - started));
  document.getElementById('save-draft').addEventListener('click', async () => {
    const { xml: edited } = await modeler.saveXML({ format: true });
    await saveDraft(root, labels, edited, 'application/xml', null);
  });
  window.profrouteDmnModeler = modeler;
  root.dataset.ready = 'true';
}

open().catch(() => failed(labels));

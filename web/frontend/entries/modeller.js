// The analysts' modeller: bpmn-js with the properties panel, ProfRoute's own properties provider, bpmnlint
// with our rules, token simulation (walk a route's paths without deploying), Russian texts, and drafts saved
// on the server (whose check is the one that counts).
import Modeler from 'bpmn-js/lib/Modeler';
import { BpmnPropertiesPanelModule, BpmnPropertiesProviderModule } from 'bpmn-js-properties-panel';
import lintModule from 'bpmn-js-bpmnlint';
import TokenSimulationModule from 'bpmn-js-token-simulation';
import known from 'bpmnlint-plugin-profroute/known.js';
import lintConfig from '../generated/bpmnlint-config.js';
import spiffworkflow from '../modeller/spiffworkflow.json';
import ProfRoutePropertiesProvider from '../modeller/properties-provider.js';
import translateModule from '../modeller/translate.js';
import simulationLabels from '../modeller/simulation-labels.js';
import { lintProblems, showProblems } from '../modeller/problems.js';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
import '../modeller/modeller.css';

const root = document.getElementById('modeller');
const labels = JSON.parse(root.dataset.labels);
const providerModule = { __init__: ['profroutePropertiesProvider'], profroutePropertiesProvider: ['type', ProfRoutePropertiesProvider] };
const state = { lint: [], server: [] };

async function fetchOk(url, options) {
  const response = await fetch(url, { credentials: 'same-origin', ...options });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

async function open() {
  const lists = await (await fetchOk(root.dataset.knownUrl)).json();
  known.set({ forms: lists.forms.map((form) => form.id), operations: lists.operations.map((operation) => operation.id),
    decisions: lists.decisions.map((decision) => decision.id) });
  const modeler = new Modeler({
    container: '#modeller-canvas',
    propertiesPanel: { parent: '#modeller-panel', layout: { groups: { profroute: { open: true } } } },
    linting: { bpmnlint: lintConfig, active: true },
    moddleExtensions: { spiffworkflow },
    profroute: { known: lists, labels: labels.panel },
    simulationLabels: labels.simulation,
    additionalModules: [BpmnPropertiesPanelModule, BpmnPropertiesProviderModule, providerModule, lintModule,
      TokenSimulationModule, simulationLabels, translateModule(labels.bpmn)],
  });
  const list = document.getElementById('problem-list');
  const counter = document.getElementById('problem-count');
  const render = () => showProblems(modeler, list, counter, [
    { title: labels.page.server, problems: state.server },
    { title: labels.page.browser, problems: state.lint },
  ], labels.page);
  modeler.on('linting.completed', ({ issues }) => { state.lint = lintProblems(issues, labels.rules); render(); });
  const xml = await (await fetchOk(root.dataset.diagramUrl, { cache: 'no-store' })).text();
  const started = performance.now();
  await modeler.importXML(xml);
  root.dataset.importMs = String(Math.round(performance.now() - started));
  fitWithRoom(modeler.get('canvas'));
  render();
  document.getElementById('save-draft').addEventListener('click', () => saveDraft(modeler, render));
  window.profrouteModeler = modeler;
  root.dataset.ready = 'true';
}

// The whole diagram in view with room around it, so the palette and the simulation's toggle (top left) cover
// no element.
function fitWithRoom(canvas) {
  canvas.zoom('fit-viewport');
  const { x, y, width, height, scale } = canvas.viewbox();
  const room = 70 / scale;
  canvas.viewbox({ x: x - room, y: y - room, width: width + 2 * room, height: height + 2 * room });
}

async function saveDraft(modeler, render) {
  const status = document.getElementById('save-status');
  try {
    const { xml } = await modeler.saveXML({ format: true });
    const response = await fetchOk(root.dataset.draftUrl, {
      method: 'POST', body: xml, headers: { 'Content-Type': 'application/xml', 'X-CSRFToken': root.dataset.csrf },
    });
    state.server = (await response.json()).problems;
    status.textContent = labels.page.saved;
  } catch (error) {
    status.textContent = labels.page.saveFailed;
  }
  render();
  root.dataset.saved = String(Date.now());
}

open().catch(() => { document.getElementById('save-status').textContent = labels.page.loadFailed; });

// «Форма»: a form-js definition in the form-js editor, the palette's component types named in Russian (the
// types the forms room refuses are hidden), drafts saved on the server, where the forms room must build it.
import { FormEditor } from '@bpmn-io/form-js-editor';
import { failed, fetchDocument, pageSettings, saveDraft } from '../editors/drafts.js';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '../editors/editors.css';

const { root, labels } = pageSettings();

// form-js has no translate module; its palette shows each registered type's `config.name`. Runs while the
// editor is being set up, before the palette is drawn.
function PaletteNames(formFields) {
  for (const [type, name] of Object.entries(labels.fields)) {
    const field = formFields.get(type);
    if (field) { field.config = { ...field.config, name }; }
  }
}
PaletteNames.$inject = ['formFields'];

async function open() {
  const editor = new FormEditor({
    container: '#editor-canvas',
    additionalModules: [{ __init__: ['paletteNames'], paletteNames: ['type', PaletteNames] }],
  });
  const text = await fetchDocument(root);
  const started = performance.now();
  await editor.importSchema(JSON.parse(text));
  root.dataset.importMs = String(Math.round(performance.now() - started));
  const select = (id) => {
    const field = editor.get('formFieldRegistry').get(id);
    if (field) { editor.get('selection').set(field); }
  };
  document.getElementById('save-draft').addEventListener('click', async () => {
    const schema = JSON.stringify(editor.saveSchema(), null, 2);
    await saveDraft(root, labels, `${schema}\n`, 'application/json', select);
  });
  window.profrouteFormEditor = editor;
  root.dataset.ready = 'true';
}

open().catch(() => failed(labels));

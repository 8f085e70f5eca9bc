// bpmn-js looks its texts up by their English original; the server hands the translations over.
export default function translateModule(texts) {
  function translate(template, replacements = {}) {
    const text = texts[template] || template;
    return text.replace(/{([^}]+)}/g, (match, key) => (key in replacements ? replacements[key] : match));
  }
  return { translate: ['value', translate] };
}

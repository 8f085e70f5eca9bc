// The problems list under the modeller: the browser's bpmnlint issues and the server's verdict, each a button
// that selects its element.
function elementLabel(registry, id) {
  const element = id && registry.get(id);
  const name = element && element.businessObject && element.businessObject.name;
  return name ? name.replace(/\s+/g, ' ').trim() : null;
}

export function showProblems(modeler, list, counter, groups, texts) {
  const registry = modeler.get('elementRegistry');
  list.replaceChildren();
  let total = 0;
  for (const { title, problems } of groups) {
    for (const problem of problems) {
      total += 1;
      const item = document.createElement('li');
      item.className = 'list-group-item list-group-item-action problem';
      item.dataset.element = problem.element || '';
      item.tabIndex = 0;
      item.setAttribute('role', 'button');
      const where = elementLabel(registry, problem.element);
      item.textContent = `${title}: ${where ? `«${where}» — ` : ''}${problem.message}`;
      const select = () => selectElement(modeler, problem.element);
      item.addEventListener('click', select);
      item.addEventListener('keydown', (event) => { if (event.key === 'Enter') select(); });
      list.append(item);
    }
  }
  if (!total) {
    const item = document.createElement('li');
    item.className = 'list-group-item text-muted';
    item.textContent = texts.noProblems;
    list.append(item);
  }
  counter.textContent = String(total);
}

function selectElement(modeler, id) {
  const element = id && modeler.get('elementRegistry').get(id);
  if (!element) return;
  modeler.get('selection').select(element);
  modeler.get('canvas').scrollToElement(element);
}

// bpmnlint's issues ({element id: [{message, rule}]}) as problems, with our titles for the rules we know.
export function lintProblems(issues, ruleTexts) {
  const problems = [];
  for (const [element, found] of Object.entries(issues)) {
    for (const issue of found) {
      const rule = issue.rule || '';
      problems.push({ element, message: ruleTexts[rule] || issue.message });
    }
  }
  return problems;
}

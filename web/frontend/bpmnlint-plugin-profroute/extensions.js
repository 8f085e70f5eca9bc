// Reads the spiffworkflow extension elements of a node. In the browser they are typed moddle elements;
// the bpmnlint command line passes generic ones ($type in lower camel case, children in $children, text in $body).
function localName(element) {
  const type = element.$type || '';
  const name = type.includes(':') ? type.split(':')[1] : type;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function extensionsOf(node, name) {
  const values = (node.extensionElements && node.extensionElements.values) || [];
  return values.filter((value) => localName(value) === name);
}

function textOf(element) {
  return (element.value !== undefined ? element.value : element.$body || '').trim();
}

function property(node, name) {
  for (const properties of extensionsOf(node, 'properties')) {
    const list = properties.properties || (properties.$children || []).filter((child) => localName(child) === 'property');
    const found = list.find((item) => item.name === name);
    if (found) return (found.value || '').trim();
  }
  return '';
}

function operatorOf(node) {
  const [operator] = extensionsOf(node, 'serviceTaskOperator');
  return operator ? (operator.id || '').trim() : null;
}

function calledDecisionOf(node) {
  const [decision] = extensionsOf(node, 'calledDecisionId');
  return decision ? textOf(decision) : null;
}

module.exports = { calledDecisionOf, operatorOf, property };

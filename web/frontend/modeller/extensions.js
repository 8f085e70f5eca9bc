// Reading and writing ProfRoute's spiffworkflow extension elements as one undoable command each.
const EXECUTOR = 'properties-panel.multi-command-executor';

export function extensionOf(bo, type) {
  const values = (bo.extensionElements && bo.extensionElements.values) || [];
  return values.find((value) => value.$instanceOf(type));
}

export function propertyValue(bo, name) {
  const container = extensionOf(bo, 'spiffworkflow:Properties');
  const found = container && (container.properties || []).find((item) => item.name === name);
  return found ? found.value || '' : '';
}

export function textValue(bo, type) {
  const found = extensionOf(bo, type);
  return found ? found.value || '' : '';
}

// The commands that make sure `bo` has an extension element of `type`, and that element.
function ensureExtension(element, bo, type, moddle, bpmnFactory, commands) {
  let extensionElements = bo.extensionElements;
  if (!extensionElements) {
    extensionElements = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
    extensionElements.$parent = bo;
    commands.push(update(element, bo, { extensionElements }));
  }
  let found = extensionOf(bo, type);
  if (!found) {
    found = moddle.create(type);
    found.$parent = extensionElements;
    commands.push(update(element, extensionElements, { values: [...(extensionElements.values || []), found] }));
  }
  return found;
}

function update(element, moddleElement, properties) {
  return { cmd: 'element.updateModdleProperties', context: { element, moddleElement, properties } };
}

export function setProperty(services, element, name, value) {
  const { commandStack, moddle, bpmnFactory } = services;
  const bo = element.businessObject;
  const commands = [];
  const container = ensureExtension(element, bo, 'spiffworkflow:Properties', moddle, bpmnFactory, commands);
  const existing = (container.properties || []).find((item) => item.name === name);
  if (!value && existing) {
    commands.push(update(element, container, { properties: container.properties.filter((item) => item !== existing) }));
  } else if (existing) {
    commands.push(update(element, existing, { value }));
  } else if (value) {
    const property = moddle.create('spiffworkflow:Property', { name, value });
    property.$parent = container;
    commands.push(update(element, container, { properties: [...(container.properties || []), property] }));
  }
  if (commands.length) commandStack.execute(EXECUTOR, commands);
}

export function setText(services, element, type, value) {
  const { commandStack, moddle, bpmnFactory } = services;
  const commands = [];
  const found = ensureExtension(element, element.businessObject, type, moddle, bpmnFactory, commands);
  commands.push(update(element, found, { value }));
  commandStack.execute(EXECUTOR, commands);
}

export function operatorOf(bo) {
  return extensionOf(bo, 'spiffworkflow:ServiceTaskOperator');
}

// Sets the operation and lists its parameters from the handler's signature, keeping the values of those
// that stay.
export function setOperation(services, element, operation, parameterNames) {
  const { commandStack, moddle, bpmnFactory } = services;
  const commands = [];
  const operator = ensureExtension(element, element.businessObject, 'spiffworkflow:ServiceTaskOperator',
    moddle, bpmnFactory, commands);
  const old = (operator.parameterList && operator.parameterList.parameters) || [];
  const list = moddle.create('spiffworkflow:Parameters');
  list.$parent = operator;
  list.parameters = parameterNames.map((name) => {
    const kept = old.find((parameter) => parameter.id === name);
    const parameter = moddle.create('spiffworkflow:Parameter',
      { id: name, type: kept ? kept.type || 'any' : 'any', value: kept ? kept.value || '' : name });
    parameter.$parent = list;
    return parameter;
  });
  commands.push(update(element, operator, { id: operation, parameterList: list }));
  commandStack.execute(EXECUTOR, commands);
}

export function setOperatorAttribute(services, element, properties) {
  const operator = operatorOf(element.businessObject);
  if (operator) services.commandStack.execute(EXECUTOR, [update(element, operator, properties)]);
}

export function setModdle(services, element, moddleElement, properties) {
  services.commandStack.execute(EXECUTOR, [update(element, moddleElement, properties)]);
}

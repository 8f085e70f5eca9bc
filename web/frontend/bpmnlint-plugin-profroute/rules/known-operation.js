const { is } = require('bpmnlint-utils');
const { operatorOf } = require('../extensions');
const known = require('../known');

module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:ServiceTask')) return;
    const operation = operatorOf(node);
    if (!operation) {
      reporter.report(node.id, 'Service task has no operation');
    } else if (known.get('operations') && !known.get('operations').includes(operation)) {
      reporter.report(node.id, `Unknown operation: ${operation}`);
    }
  }
  return { check };
};

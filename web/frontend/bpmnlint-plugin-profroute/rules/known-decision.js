const { is } = require('bpmnlint-utils');
const { calledDecisionOf } = require('../extensions');
const known = require('../known');

module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:BusinessRuleTask')) return;
    const decision = calledDecisionOf(node);
    if (!decision) {
      reporter.report(node.id, 'Business rule task has no decision');
    } else if (known.get('decisions') && !known.get('decisions').includes(decision)) {
      reporter.report(node.id, `Unknown decision: ${decision}`);
    }
  }
  return { check };
};

const { is } = require('bpmnlint-utils');
const { property } = require('../extensions');

module.exports = function () {
  function check(node, reporter) {
    if (is(node, 'bpmn:UserTask') && !property(node, 'formKey')) {
      reporter.report(node.id, 'User task has no form (formKey)');
    }
  }
  return { check };
};

const { is } = require('bpmnlint-utils');
const { property } = require('../extensions');
const known = require('../known');

module.exports = function () {
  function check(node, reporter) {
    if (!known.get('forms') || !is(node, 'bpmn:UserTask')) return;
    const formKey = property(node, 'formKey');
    if (formKey && !known.get('forms').includes(formKey)) {
      reporter.report(node.id, `Unknown form: ${formKey}`);
    }
  }
  return { check };
};

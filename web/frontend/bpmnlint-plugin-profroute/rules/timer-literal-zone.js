const { is } = require('bpmnlint-utils');
const { timerProblem } = require('../values');

function textOf(expression) {
  return expression && (expression.body !== undefined ? expression.body : expression.$body);
}

module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Event')) return;
    const timers = (node.eventDefinitions || []).filter((definition) => is(definition, 'bpmn:TimerEventDefinition'));
    for (const timer of timers) {
      for (const kind of ['timeDate', 'timeCycle']) {
        const text = textOf(timer[kind]);
        if (timerProblem(kind, text) === 'zone') {
          reporter.report(node.id, `Timer literal without a time zone: ${text.trim()}`);
        }
      }
    }
  }
  return { check };
};

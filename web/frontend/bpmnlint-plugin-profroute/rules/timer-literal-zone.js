const { is } = require('bpmnlint-utils');

// A quoted date-time literal must carry a zone (Z or +03:00); expressions are checked when they run.
const LITERAL = /^\s*(["'])(.*)\1\s*$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;

function literal(expression) {
  const text = expression && (expression.body !== undefined ? expression.body : expression.$body);
  const match = LITERAL.exec(text || '');
  return match ? match[2].trim() : null;
}

module.exports = function () {
  function check(node, reporter) {
    if (!is(node, 'bpmn:Event')) return;
    const timers = (node.eventDefinitions || []).filter((definition) => is(definition, 'bpmn:TimerEventDefinition'));
    for (const timer of timers) {
      for (const kind of ['timeDate', 'timeCycle']) {
        const value = literal(timer[kind]);
        if (value === null) continue;
        const dates = value.split('/').filter((part) => DATE_TIME.test(part));
        if (dates.some((part) => !ZONE.test(part))) {
          reporter.report(node.id, `Timer literal without a time zone: ${value}`);
        }
      }
    }
  }
  return { check };
};

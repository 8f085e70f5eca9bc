// The checks of single values that the lint rules and the properties panel share: ISO 8601 durations,
// priorities and timer literals with a time zone (the server checks the same at deploy).
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+([.,]\d+)?S)?)?$/i;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const ZONE = /(Z|[+-]\d{2}:?\d{2})$/;
const LITERAL = /^\s*(["'])(.*)\1\s*$/;

function isDuration(value) {
  return DURATION.test((value || '').trim());
}

function isPriority(value) {
  return /^[1-5]$/.test((value || '').trim());
}

// A quoted literal must be a duration (timeDuration) or carry a zone on every date (timeDate, timeCycle);
// anything else is an expression the engine evaluates when the timer starts. Returns null, 'duration',
// 'date' or 'zone'.
function timerProblem(kind, text) {
  const match = LITERAL.exec(text || '');
  if (!match) return null;
  const value = match[2].trim();
  if (kind === 'timeDuration') return isDuration(value) ? null : 'duration';
  const dates = value.split('/').filter((part) => DATE_TIME.test(part));
  if (kind === 'timeDate' && dates.length !== 1) return 'date';
  return dates.some((part) => !ZONE.test(part)) ? 'zone' : null;
}

module.exports = { isDuration, isPriority, timerProblem };

// bpmn-js-token-simulation writes its toggle's label into HTML strings and has no translate module: this module
// puts the reader's text in place of that label whenever the toggle is drawn or switched.
const TOGGLE_MODE_EVENT = 'tokenSimulation.toggleMode';

function SimulationLabels(eventBus, canvas, config) {
  const text = config.toggle;
  const relabel = () => {
    const toggle = canvas.getContainer().querySelector('.bts-toggle-mode');
    const label = toggle && [...toggle.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (label) { label.textContent = `${text} `; }
    if (toggle) { toggle.setAttribute('role', 'button'); toggle.setAttribute('aria-pressed', String(toggle.closest('.simulation') !== null)); }
  };
  eventBus.on('diagram.init', 500, relabel);
  eventBus.on(TOGGLE_MODE_EVENT, 500, relabel);
}
SimulationLabels.$inject = ['eventBus', 'canvas', 'config.simulationLabels'];

export default { __init__: ['simulationLabels'], simulationLabels: ['type', SimulationLabels] };

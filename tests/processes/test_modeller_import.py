"""Every diagram imports into bpmn-js (the library behind bpmn.io and Camunda Modeler) without a warning,
and every flow node and flow is drawn."""
from __future__ import annotations

from pathlib import Path

import pytest
from process_driver import PROCESSES, bpmn_files

from tests.conftest import CHROMIUM

VIEWER = PROCESSES.parent / "node_modules" / "bpmn-js" / "dist" / "bpmn-viewer.production.min.js"
IMPORT = """async (xml) => {
  const viewer = new BpmnJS({ container: '#canvas' });
  const result = await viewer.importXML(xml);
  const registry = viewer.get('elementRegistry');
  const drawn = registry.filter(e => e.type !== 'label' && e.type !== 'bpmn:Collaboration').length;
  viewer.destroy();
  return { warnings: result.warnings.map(w => w.message), drawn };
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed (scripts/setup-test.sh)"),
    pytest.mark.skipif(not VIEWER.exists(), reason="bpmn-js is not installed: run `npm install`"),
]


def shaped_elements(path: Path) -> int:
    text = path.read_text(encoding="utf-8")
    return text.count("<bpmndi:BPMNShape ") + text.count("<bpmndi:BPMNEdge ")


def test_every_diagram_opens_in_bpmn_js_without_warnings(chromium):
    results = {}
    page = chromium.new_page()
    page.set_content('<html><body><div id="canvas" style="width:1600px;height:900px"></div></body></html>')
    page.add_script_tag(path=str(VIEWER))
    for path in bpmn_files():
        results[path.name] = page.evaluate(IMPORT, path.read_text(encoding="utf-8"))
    page.close()
    assert {name: r["warnings"] for name, r in results.items() if r["warnings"]} == {}
    assert {name: r["drawn"] for name, r in results.items()} == {
        path.name: shaped_elements(path) for path in bpmn_files()}

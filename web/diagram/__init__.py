"""Server-side SVG rendering of a BPMN diagram from its BPMNDI layout, with an executed path overlaid.

History views show diagrams without a browser-side modeller, so this package draws BPMN-like shapes
itself. It reads the files with the engine's hardened XML parser (no DTD, entities or network). The SVG
is built as an lxml tree, so every text is escaped by the serializer, and the output depends only on the
input (deterministic).
"""
from web.diagram.model import DiagramError
from web.diagram.render import render_svg
from web.diagram.svg import wrap_text

__all__ = ["DiagramError", "render_svg", "wrap_text"]

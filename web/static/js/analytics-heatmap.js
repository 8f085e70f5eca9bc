/* The waiting-time heatmap: the process's BPMN file in bpmn-js's NavigatedViewer (opened by diagram-viewer.js), each user
   task coloured by its heat level and labelled with its median / 90th percentile, read from the text list the
   server renders in the same <figure> (the view without JavaScript). DOM API only, so the strict CSP holds. */
(function () {
  "use strict";

  function badge(text) {
    var node = document.createElement("span");
    node.className = "analytics-heat-badge badge";
    node.textContent = text;
    return node;
  }

  function decorate(figure, viewer) {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    var overlays = viewer.get("overlays");
    figure.querySelectorAll("[data-element]").forEach(function (item) {
      var id = item.dataset.element;
      if (!registry.get(id)) { return; }
      canvas.addMarker(id, "pr-heat-" + item.dataset.heat);
      overlays.add(id, "analytics-heat", { position: { bottom: 0, left: 0 }, html: badge(item.dataset.badge) });
    });
    canvas.zoom("fit-viewport", "auto");
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure.analytics-heatmap").forEach(function (figure) {
      window.ProfRouteDiagram.open(figure, "analytics-heatmap-ready", decorate);
    });
  });
}());

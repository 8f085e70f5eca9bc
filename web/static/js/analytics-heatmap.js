/* The waiting-time heatmap: the process's BPMN file in bpmn-js's NavigatedViewer (global BpmnJS), each user
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

  function open(figure) {
    if (figure.dataset.ready || typeof window.BpmnJS !== "function") { return; }
    figure.dataset.ready = "1";
    var container = figure.querySelector(".route-canvas");
    fetch(figure.dataset.bpmnUrl, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.text();
    }).then(function (xml) {
      container.hidden = false;
      var viewer = new window.BpmnJS({ container: container });
      return viewer.importXML(xml).then(function () {
        decorate(figure, viewer);
        figure.classList.add("analytics-heatmap-ready");
      });
    }).catch(function () {
      container.hidden = true;
      figure.dataset.ready = "failed";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("figure.analytics-heatmap").forEach(open);
  });
}());

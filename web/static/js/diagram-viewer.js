/* Opening a <figure>'s BPMN file in bpmn-js's NavigatedViewer (global BpmnJS), shared by the route diagram and
   the analytics heatmap: the file is fetched from the figure's data-bpmn-url into its .route-canvas, `decorate`
   marks it, and the figure gets `readyClass`. On failure the canvas stays hidden and the server's text list
   remains the view, as it is without JavaScript. */
(function () {
  "use strict";

  function open(figure, readyClass, decorate) {
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
        figure.classList.add(readyClass);
      });
    }).catch(function () {
      container.hidden = true;
      figure.dataset.ready = "failed";
    });
  }

  window.ProfRouteDiagram = { open: open };
}());

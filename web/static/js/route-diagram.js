/* The route diagram: the analyst's BPMN file in bpmn-js's NavigatedViewer (opened by diagram-viewer.js), with the
   route's marks read from the text list the server renders in the same <figure> (which stays the view
   without JavaScript), loop counts as overlays, and a click on an element listing its events.
   No inline styles or HTML strings: elements are built with the DOM API, so the strict CSP holds. */
(function () {
  "use strict";

  var STATES = ["done", "waiting", "failed"];
  var ZOOM_STEP = 1.25;
  var DEFAULT_ZOOM = 1;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function marks(figure) {
    return Array.prototype.map.call(figure.querySelectorAll("[data-element]"), function (item) {
      return { id: item.dataset.element, state: item.dataset.state, count: Number(item.dataset.count), item: item };
    });
  }

  function focusOn(canvas, shape) {
    canvas.zoom(DEFAULT_ZOOM);
    var box = canvas.viewbox();
    canvas.viewbox({
      x: shape.x + (shape.width || 0) / 2 - box.width / 2,
      y: shape.y + (shape.height || 0) / 2 - box.height / 2,
      width: box.width,
      height: box.height
    });
  }

  function showEvents(figure, loadEvents, elementId, label) {
    var panel = figure.querySelector(".route-events");
    panel.hidden = false;
    panel.replaceChildren(element("h3", "h6", label));
    loadEvents().then(function (data) {
      var entry = data.elements[elementId];
      if (!entry || !entry.events.length) {
        panel.appendChild(element("p", "text-muted small mb-0", figure.dataset.noEvents));
        return;
      }
      var list = element("ul", "list-unstyled small mb-0");
      entry.events.forEach(function (event) {
        var row = element("li", "route-event");
        row.appendChild(element("span", "text-muted", event.at + " · "));
        row.appendChild(element("span", "", event.text));
        row.appendChild(element("span", "text-muted", " · " + event.actor));
        list.appendChild(row);
      });
      panel.appendChild(list);
    }, function () {
      panel.appendChild(element("p", "text-danger small mb-0", figure.dataset.loadFailed));
    });
  }

  function toolbar(figure, viewer, home) {
    var canvas = viewer.get("canvas");
    var actions = {
      "zoom-in": function () { canvas.zoom(canvas.zoom() * ZOOM_STEP); },
      "zoom-out": function () { canvas.zoom(canvas.zoom() / ZOOM_STEP); },
      "fit": function () { canvas.zoom("fit-viewport", "auto"); },
      "home": home
    };
    var bar = figure.querySelector(".route-toolbar");
    bar.querySelectorAll("[data-action]").forEach(function (button) {
      button.addEventListener("click", actions[button.dataset.action]);
    });
    bar.hidden = false;
  }

  function decorate(figure, viewer) {
    var canvas = viewer.get("canvas");
    var registry = viewer.get("elementRegistry");
    var overlays = viewer.get("overlays");
    var eventsPromise = null;
    function loadEvents() {
      if (!eventsPromise) {
        eventsPromise = fetch(figure.dataset.eventsUrl, { credentials: "same-origin" }).then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        });
        eventsPromise.catch(function () { eventsPromise = null; });
      }
      return eventsPromise;
    }
    var waiting = null;
    var lastDone = null;
    marks(figure).forEach(function (mark) {
      var shape = registry.get(mark.id);
      if (!shape || STATES.indexOf(mark.state) < 0) { return; }
      var container = shape.children && shape.children.some(function (child) { return child.type !== "label"; });
      canvas.addMarker(mark.id, "pr-" + mark.state + (container ? "-container" : ""));
      if (mark.count > 1) {
        overlays.add(mark.id, "route-count", {
          position: { top: -12, right: 12 },
          html: element("span", "route-count badge rounded-pill", "×" + mark.count)
        });
      }
      if (mark.state === "done") { lastDone = shape; } else if (!container) { waiting = waiting || shape; }
      var label = mark.item.querySelector(".route-element-label");
      var button = element("button", "btn btn-link btn-sm p-0 align-baseline route-element", label.textContent);
      button.type = "button";
      button.addEventListener("click", function () {
        focusOn(canvas, shape);
        showEvents(figure, loadEvents, mark.id, label.textContent);
      });
      label.replaceChildren(button);
    });
    var flows = JSON.parse(figure.dataset.flows || "{}");
    Object.keys(flows).forEach(function (flowId) {
      if (registry.get(flowId)) { canvas.addMarker(flowId, "pr-done"); }
    });
    viewer.get("eventBus").on("element.click", function (event) {
      var target = event.element;
      if (!target || target.type === "label" || !target.businessObject || target === canvas.getRootElement()) { return; }
      showEvents(figure, loadEvents, target.id, target.businessObject.name || target.id);
    });
    var focus = waiting || lastDone;
    function home() {
      if (focus) { focusOn(canvas, focus); } else { canvas.zoom(DEFAULT_ZOOM, { x: 0, y: 0 }); }
    }
    home();
    toolbar(figure, viewer, home);
  }

  function decorateAndFold(figure, viewer) {
    decorate(figure, viewer);
    figure.querySelector(".route-elements").open = false;
  }

  function openAll() {
    document.querySelectorAll("figure.route-diagram").forEach(function (figure) {
      window.ProfRouteDiagram.open(figure, "route-diagram-ready", decorateAndFold);
    });
  }

  document.addEventListener("DOMContentLoaded", openAll);
  document.addEventListener("htmx:afterSettle", openAll);
}());

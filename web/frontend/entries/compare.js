// «Сравнение версий»: the two versions' diagrams in bpmn-js viewers, coloured by bpmn-js-differ (added in
// the new one, removed in the old one, changed and moved in both) and by the server's list of changes (the
// extension properties the differ cannot see, primer §8). Markers only: no colour is written into the XML,
// no inline style, no HTML strings.
import NavigatedViewer from "bpmn-js/lib/NavigatedViewer";
import { diff } from "bpmn-js-differ";

async function open(container, url) {
  const viewer = new NavigatedViewer({ container });
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) { throw new Error(`${url}: ${response.status}`); }
  await viewer.importXML(await response.text());
  viewer.get("canvas").zoom("fit-viewport");
  return viewer;
}

function mark(viewer, ids, className) {
  const registry = viewer.get("elementRegistry");
  const canvas = viewer.get("canvas");
  ids.forEach((id) => {
    if (registry.get(id)) { canvas.addMarker(id, className); }
  });
}

async function compare(section) {
  const oldCanvas = section.querySelector("#compare-old");
  const newCanvas = section.querySelector("#compare-new");
  try {
    const [before, after] = await Promise.all([open(oldCanvas, section.dataset.oldUrl),
                                               open(newCanvas, section.dataset.newUrl)]);
    const changes = diff(before.getDefinitions(), after.getDefinitions());
    const listed = { changed: [], moved: [] };
    document.querySelectorAll(".compare-changes tr[data-element]").forEach((row) => {
      const kind = row.className.replace("compare-row-", "");
      if (listed[kind]) { listed[kind].push(row.dataset.element); }
    });
    const changed = [...new Set([...Object.keys(changes._changed), ...listed.changed])];
    const moved = [...new Set([...Object.keys(changes._layoutChanged), ...listed.moved])]
      .filter((id) => !changed.includes(id));
    mark(before, Object.keys(changes._removed), "diff-removed");
    mark(after, Object.keys(changes._added), "diff-added");
    [before, after].forEach((viewer) => {
      mark(viewer, changed, "diff-changed");
      mark(viewer, moved, "diff-moved");
    });
    section.dataset.compared = "true";
  } catch (error) {
    const note = document.createElement("p");
    note.className = "text-danger";
    note.textContent = section.dataset.loadError;
    section.after(note);
    console.error(error);
  }
}

const section = document.querySelector(".compare-diagrams");
if (section) { compare(section); }

// What the decision table and form editors share: reading the page's settings, fetching the document, saving
// a draft (the server answers with its problems) and listing the problems, each one that names an element a
// button that shows it.
export function pageSettings() {
  const root = document.getElementById('editor');
  return { root, labels: JSON.parse(root.dataset.labels) };
}

export async function fetchOk(url, options) {
  const response = await fetch(url, { credentials: 'same-origin', ...options });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response;
}

export async function fetchDocument(root) {
  return (await fetchOk(root.dataset.sourceUrl, { cache: 'no-store' })).text();
}

// Saves the text as the analyst's draft and shows the server's verdict; `select(id)` shows an element.
export async function saveDraft(root, labels, text, contentType, select) {
  const status = document.getElementById('save-status');
  let problems = [];
  try {
    const response = await fetchOk(root.dataset.draftUrl, {
      method: 'POST', body: text, headers: { 'Content-Type': contentType, 'X-CSRFToken': root.dataset.csrf },
    });
    problems = (await response.json()).problems;
    status.textContent = labels.page.saved;
  } catch (error) {
    status.textContent = labels.page.saveFailed;
  }
  showProblems(problems, labels.page, select);
  root.dataset.saved = String(Date.now());
}

export function showProblems(problems, texts, select) {
  const list = document.getElementById('problem-list');
  list.replaceChildren();
  for (const problem of problems) {
    const item = document.createElement('li');
    item.className = 'list-group-item problem';
    item.textContent = `${texts.server}: ${problem.message}`;
    if (problem.element && select) {
      item.classList.add('list-group-item-action');
      item.tabIndex = 0;
      item.setAttribute('role', 'button');
      const show = () => select(problem.element);
      item.addEventListener('click', show);
      item.addEventListener('keydown', (event) => { if (event.key === 'Enter') show(); });
    }
    list.append(item);
  }
  if (!problems.length) {
    const item = document.createElement('li');
    item.className = 'list-group-item text-muted';
    item.textContent = texts.noProblems;
    list.append(item);
  }
  document.getElementById('problem-count').textContent = String(problems.length);
}

export function failed(labels) {
  document.getElementById('save-status').textContent = labels.page.loadFailed;
}

// domify under a strict CSP (style-src 'self'): libraries build HTML strings with style="..." attributes,
// which Chromium refuses even while parsing. The attribute is renamed before parsing and applied afterwards
// through element.style, which the policy allows. esbuild puts this module in place of 'domify'.
import realDomify from '../../node_modules/domify/index.js';

const STYLE_ATTRIBUTE = / style="/g;
const PARKED = 'data-csp-style';

function restoreStyles(node) {
  const elements = node.nodeType === 1 ? [node, ...node.querySelectorAll(`[${PARKED}]`)]
    : node.querySelectorAll ? [...node.querySelectorAll(`[${PARKED}]`)] : [];
  for (const element of elements) {
    if (element.hasAttribute && element.hasAttribute(PARKED)) {
      element.style.cssText = element.getAttribute(PARKED);
      element.removeAttribute(PARKED);
    }
  }
  return node;
}

export default function domify(html, document) {
  const parsed = realDomify(String(html).replace(STYLE_ATTRIBUTE, ` ${PARKED}="`), document);
  return restoreStyles(parsed);
}

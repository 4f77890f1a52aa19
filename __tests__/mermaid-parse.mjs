// Reads Mermaid diagrams the way GitHub's renderer does, with mermaid 11.17.2 itself (a pinned
// devDependency): stdin is a JSON object of diagrams by name; stdout, the same names with what
// mermaid parsed (nodes, edges, subgraphs, their text as a browser would show it) or its error.
// An ES module run as a child process: mermaid ships only ES modules and needs a DOM (jsdom) to load.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');

// mermaid 11.17.2 (dist/chunks/mermaid.core/chunk-75Z2AOVW.mjs, encodeEntities/decodeEntities)
// keeps `#name;` and `#123;` codes in its own markers until it writes the SVG as HTML; a browser
// then decodes the HTML entities. A line break is a <br> tag.
const shown = (text) => {
  const html = text
    .replace(/ﬂ°°/g, '&#')
    .replace(/ﬂ°/g, '&')
    .replace(/¶ß/g, ';')
    .replace(/<br\s*\/?>/g, '\n');
  const element = dom.window.document.createElement('div');
  element.innerHTML = html;
  return element.textContent;
};

let input = '';
for await (const chunk of process.stdin) input += chunk;
const out = {};
for (const [name, text] of Object.entries(JSON.parse(input))) {
  try {
    await mermaid.parse(text);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    out[name] = {
      type: diagram.type,
      nodes: [...db.getVertices().values()].map((v) => ({ id: v.id, text: shown(v.text), shape: v.type })),
      edges: db.getEdges().map((e) => ({ from: e.start, to: e.end, text: shown(e.text), stroke: e.stroke })),
      subgraphs: db.getSubGraphs().map((g) => ({ id: g.id, title: shown(g.title), nodes: g.nodes })),
    };
  } catch (e) {
    out[name] = { error: String(e.message).split('\n').slice(0, 4).join('\n') };
  }
}
process.stdout.write(JSON.stringify(out));

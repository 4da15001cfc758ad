// A small Markdown renderer for rule documentation: headings, paragraphs, lists, code blocks,
// inline code and links. It builds DOM nodes (never HTML strings), so docs cannot inject markup.

export function renderMarkdown(markdown) {
  const fragment = document.createDocumentFragment();
  const lines = markdown.split("\n");
  let paragraph = [];
  let list = null;

  const flushParagraph = () => {
    if (paragraph.length) fragment.append(element("p", inline(paragraph.join(" "))));
    paragraph = [];
  };
  const flushList = () => {
    if (list) fragment.append(list);
    list = null;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = line.match(/^```(\w*)/);
    if (fence) {
      flushParagraph();
      flushList();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      const pre = element("pre", [element("code", [code.join("\n")])]);
      if (fence[1]) pre.dataset.language = fence[1];
      fragment.append(pre);
      continue;
    }
    const heading = line.match(/^(#{1,6})\s+(.*)$/);
    const item = line.match(/^\s*[-*]\s+(.*)$/);
    if (heading) {
      flushParagraph();
      flushList();
      fragment.append(element(`h${Math.min(heading[1].length + 1, 6)}`, inline(heading[2])));
    } else if (item) {
      flushParagraph();
      list ??= document.createElement("ul");
      list.append(element("li", inline(item[1])));
    } else if (line.trim() === "") {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line.trim());
    }
  }
  flushParagraph();
  flushList();
  return fragment;
}

/** A line of text with inline code and links, e.g. a finding's help. */
export function renderInline(text) {
  const fragment = document.createDocumentFragment();
  fragment.append(...inline(text));
  return fragment;
}

/** Inline code, links (http and https only) and plain text. */
function inline(text) {
  const nodes = [];
  const pattern = /`([^`]+)`|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    nodes.push(text.slice(last, match.index));
    if (match[1] !== undefined) {
      nodes.push(element("code", [match[1]]));
    } else {
      const link = element("a", [match[2]]);
      link.href = match[3];
      link.rel = "noopener noreferrer";
      link.target = "_blank";
      nodes.push(link);
    }
    last = match.index + match[0].length;
  }
  nodes.push(text.slice(last));
  return nodes;
}

function element(tag, children) {
  const node = document.createElement(tag);
  node.append(...children);
  return node;
}

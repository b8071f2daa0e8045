// Building the page from elements, never from HTML text: every value from the API becomes a text
// node, so a customer named "<script>" is shown, not run.

// h('a', {href: '#/books', class: 'link', onclick: fn}, 'text', child, [more, children])
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'class') {
      element.className = value;
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

// Appends children (nested arrays flattened; null, undefined and false skipped) as nodes.
export function append(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

export function clear(element) {
  element.replaceChildren();
  return element;
}

// A small definition list from [label, value] pairs.
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.map(([label, value]) => [h('dt', {}, label), h('dd', {}, value)]));
}

// A table; `columns` are [header, (row) => cell content].
export function table(caption, columns, rows, { empty = '' } = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      {},
      h('caption', { class: caption.hidden ? 'visually-hidden' : '' }, caption.text ?? caption),
      h('thead', {}, h('tr', {}, columns.map(([header]) => h('th', { scope: 'col' }, header)))),
      h(
        'tbody',
        {},
        rows.length === 0
          ? h('tr', {}, h('td', { colspan: columns.length, class: 'empty' }, empty))
          : rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))))),
      ),
    ),
  );
}

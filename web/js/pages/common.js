// Pieces the list and detail pages share: filter forms that live in the URL, keyset paging
// links, field errors beside their fields, and the "where is it stored" link.
import { h, append } from '../dom.js';
import { t } from '../i18n.js';

// The hash for `path` with `query` (empty values dropped).
export function link(path, query = {}) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, v);
  const text = params.toString();
  return `#${path}${text ? `?${text}` : ''}`;
}

// A search form whose fields are `fields` ([name, label, {type, options}]); submitting it puts
// the filters in the URL (so a list is linkable and Back works) and starts from the first page.
export function filterForm(path, query, fields, { label }) {
  const form = h(
    'form',
    {
      class: 'filters',
      role: 'search',
      'aria-label': label,
      onsubmit: (event) => {
        event.preventDefault();
        const values = Object.fromEntries(new FormData(form));
        location.hash = link(path, values);
      },
    },
    fields.map(([name, text, options = {}]) => {
      const id = `filter-${name}`;
      const control = options.options
        ? h(
            'select',
            { id, name },
            h('option', { value: '' }, t('filter.any')),
            options.options.map(([value, optionText]) =>
              h('option', { value, selected: query[name] === value }, optionText),
            ),
          )
        : h('input', { id, name, type: options.type || 'search', value: query[name] || '', inputmode: options.inputmode });
      return h('div', { class: 'field' }, h('label', { for: id }, text), control);
    }),
    h('button', { type: 'submit' }, t('filter.search')),
  );
  return form;
}

// "First page" and "Next page" links: keyset paging moves forward by the cursor of the last
// page; the browser's Back goes to the page before.
export function pager(path, query, nextCursor) {
  const base = { ...query };
  delete base.cursor;
  return h(
    'nav',
    { class: 'pager', 'aria-label': t('pager.label') },
    query.cursor ? h('a', { href: link(path, base) }, t('pager.first')) : null,
    nextCursor ? h('a', { href: link(path, { ...base, cursor: nextCursor }), rel: 'next' }, t('pager.next')) : h('span', { class: 'hint' }, t('pager.end')),
  );
}

export function storedLink(kind, id) {
  return h('a', { class: 'button secondary', href: `#/stored/${kind}/${encodeURIComponent(id)}` }, t('stored.link'));
}

// Shows each field error under its field (matched by data-field, the API's field path) and the
// problem's detail (plus errors for fields the form does not show) at the top of the form.
export function showProblem(form, error) {
  for (const old of form.querySelectorAll('.field-error')) old.remove();
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector('.form-problem');
  summary.replaceChildren();
  if (!error) return;
  const fieldErrors = error.fieldErrors || {};
  const unplaced = [];
  for (const [field, message] of Object.entries(fieldErrors)) {
    const input = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
    if (!input) {
      unplaced.push(`${field}: ${message}`);
      continue;
    }
    const id = `${input.id}-error`;
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', id);
    input.after(h('p', { class: 'field-error', id, 'data-error-for': field }, message));
  }
  append(summary, [h('p', {}, error.message), unplaced.length ? h('ul', {}, unplaced.map((text) => h('li', {}, text))) : null]);
  const firstInvalid = form.querySelector('[aria-invalid]');
  (firstInvalid || summary).focus();
}

export function problemBox() {
  return h('div', { class: 'form-problem', role: 'alert', tabindex: '-1' });
}

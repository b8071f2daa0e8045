// The API reference: S2's own OpenAPI document (/openapi.json) as a browsable page, grouped by
// tag, each operation with its parameters, body, answers and a "try it" form that sends the
// request from this page (with the API token for writes) and shows the raw answer.
import { h, append } from '../dom.js';
import { t } from '../i18n.js';
import { exchange, newKey, token, withQuery } from '../api.js';

export async function render(main) {
  const doc = await fetch('/openapi.json', { cache: 'no-store' }).then((r) => r.json());
  const resolve = (node) => {
    let out = node;
    for (let guard = 0; out && out.$ref && guard < 10; guard++) {
      out = out.$ref.replace(/^#\//, '').split('/').reduce((o, k) => o?.[k], doc);
    }
    return out;
  };
  const operations = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      operations.push({ path, method: method.toUpperCase(), op, tag: op.tags?.[0] || 'other' });
    }
  }
  const tags = doc.tags?.length ? doc.tags : [...new Set(operations.map((o) => o.tag))].map((name) => ({ name }));
  append(main, 
    h('h1', {}, t('reference.title')),
    h('p', { class: 'lead' }, `${doc.info.title} ${doc.info.version}. `, t('reference.lead'), ' ', h('a', { href: '/openapi.json' }, 'openapi.json')),
    h('nav', { class: 'toc', 'aria-label': t('reference.toc') }, h('ul', {}, tags.map((tag) => h('li', {}, h('a', { href: `#/reference`, onclick: jump(`tag-${tag.name}`) }, tag.name))))),
    ...tags.map((tag) =>
      h(
        'section',
        { id: `tag-${tag.name}`, 'aria-labelledby': `tag-${tag.name}-h` },
        h('h2', { id: `tag-${tag.name}-h` }, tag.name),
        tag.description ? h('p', { class: 'hint' }, tag.description) : null,
        operations.filter((o) => o.tag === tag.name).map((o) => operation(o, resolve)),
      ),
    ),
  );
}

function jump(id) {
  return (event) => {
    event.preventDefault();
    document.getElementById(id)?.scrollIntoView();
  };
}

function operation({ path, method, op }, resolve) {
  const parameters = (op.parameters || []).map(resolve);
  const pathNames = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const body = op.requestBody ? resolve(op.requestBody) : null;
  const bodyMedia = body?.content ? Object.keys(body.content)[0] : null;
  const bodySchema = bodyMedia ? resolve(body.content[bodyMedia].schema) : null;
  const example = bodyMedia ? body.content[bodyMedia].example ?? bodySchema?.example ?? exampleOf(bodySchema, resolve) : null;
  const idBase = `${method}-${path}`.replace(/\W+/g, '-');
  const output = h('div', { class: 'try-output', 'aria-live': 'polite' });

  const inputs = [
    ...pathNames.map((name) => ({ name, where: 'path', required: true })),
    ...parameters.filter((p) => p.in === 'query' || p.in === 'header').map((p) => ({ name: p.name, where: p.in, required: p.required, description: p.description })),
  ];
  const form = h(
    'form',
    {
      class: 'form try',
      onsubmit: async (event) => {
        event.preventDefault();
        const values = Object.fromEntries(new FormData(form));
        let target = path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(values[`path:${name}`] || ''));
        const query = {};
        const headers = {};
        for (const input of inputs) {
          const value = values[`${input.where}:${input.name}`];
          if (input.where === 'query') query[input.name] = value;
          if (input.where === 'header' && value) headers[input.name] = value;
        }
        target = withQuery(target, query);
        if (method !== 'GET' && token()) headers.Authorization = `Bearer ${token()}`;
        if (bodyMedia) headers['Content-Type'] = bodyMedia;
        output.replaceChildren(h('p', { class: 'hint' }, t('reference.sending')));
        try {
          const answer = await exchange(method, target, { body: bodyMedia ? values.body : undefined, headers });
          output.replaceChildren(
            h('p', {}, h('strong', {}, `${answer.status} ${answer.statusText}`), ` · ${answer.ms.toFixed(0)} ms · `, h('code', {}, `${method} ${target}`)),
            h('pre', { class: 'headers' }, answer.headers.map(([k, v]) => `${k}: ${v}`).join('\n')),
            h('pre', { class: 'json' }, pretty(answer.body)),
          );
        } catch (error) {
          output.replaceChildren(h('p', { class: 'error' }, error.message));
        }
      },
    },
    inputs.map((input) => {
      const id = `${idBase}-${input.where}-${input.name}`;
      const value = input.name === 'Idempotency-Key' ? newKey() : '';
      return h(
        'div',
        { class: 'field' },
        h('label', { for: id }, input.name, h('span', { class: 'hint' }, ` (${input.where}${input.required ? `, ${t('reference.required')}` : ''})`)),
        h('input', { id, name: `${input.where}:${input.name}`, value, required: input.required, title: input.description }),
      );
    }),
    bodyMedia
      ? h('div', { class: 'field' }, h('label', { for: `${idBase}-body` }, `${t('reference.body')} (${bodyMedia})`),
          h('textarea', { id: `${idBase}-body`, name: 'body', rows: 8, spellcheck: 'false' }, example === null ? '' : JSON.stringify(example, null, 2)))
      : null,
    h('button', { type: 'submit' }, t('reference.try')),
  );

  return h(
    'details',
    { class: 'operation', id: `op-${idBase}` },
    h('summary', {}, h('span', { class: `method ${method.toLowerCase()}` }, method), ' ', h('code', {}, path), ' ', h('span', { class: 'hint' }, op.summary || '')),
    op.description ? h('p', {}, op.description) : null,
    parameters.length
      ? [h('h4', {}, t('reference.parameters')), h('ul', {}, parameters.map((p) => h('li', {}, h('code', {}, p.name), ` (${p.in}${p.required ? `, ${t('reference.required')}` : ''}) — ${p.description || ''}`)))]
      : null,
    h('h4', {}, t('reference.responses')),
    h('ul', {}, Object.entries(op.responses || {}).map(([status, response]) => h('li', {}, h('code', {}, status), ` — ${resolve(response)?.description || ''}`))),
    h('h4', {}, t('reference.try_title')),
    form,
    output,
  );
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

// A sample value from a schema: its example, else one built from its properties.
function exampleOf(schema, resolve, depth = 0) {
  schema = resolve(schema);
  if (!schema || depth > 5) return null;
  if (schema.example !== undefined) return schema.example;
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => exampleOf(s, resolve, depth + 1) || {}));
  if (schema.type === 'object' || schema.properties) {
    const out = {};
    for (const name of schema.required || Object.keys(schema.properties || {})) {
      const value = exampleOf(schema.properties?.[name], resolve, depth + 1);
      if (value !== null) out[name] = value;
    }
    return out;
  }
  if (schema.type === 'array') {
    const item = exampleOf(schema.items, resolve, depth + 1);
    return item === null ? [] : [item];
  }
  if (schema.enum) return schema.enum[0];
  return null;
}

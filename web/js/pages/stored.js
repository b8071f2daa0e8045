// "Where is it stored": a customer, book or order as the API shows it, side by side with the
// record exactly as its store holds it (PostgreSQL rows, the MongoDB document, the Redis keys),
// read from S2's read-only admin endpoints with the API token.
import { h, facts, append } from '../dom.js';
import { t, number } from '../i18n.js';
import { api, ApiError, token } from '../api.js';

const KINDS = {
  customers: { store: 'PostgreSQL', back: 'customers', draw: drawRows },
  books: { store: 'MongoDB', back: 'books', draw: drawDocument },
  orders: { store: 'Redis', back: 'orders', draw: drawKeys },
};

export async function render(main, { params }) {
  const kind = KINDS[params.kind];
  if (!kind) throw new Error(t('notfound.title'));
  const id = encodeURIComponent(params.id);
  const apiJson = await api('GET', `/${params.kind}/${id}`);
  const storeBox = h('section', { class: 'pane', 'aria-labelledby': 'store-heading' }, h('h2', { id: 'store-heading' }, t('stored.store', { store: kind.store })));
  append(main, 
    h('h1', {}, t('stored.title')),
    h('p', { class: 'lead' }, t(`stored.lead.${params.kind}`)),
    h('p', {}, h('a', { href: `#/${kind.back}/${id}` }, t('stored.back'))),
    h(
      'div',
      { class: 'side-by-side' },
      h('section', { class: 'pane', 'aria-labelledby': 'api-heading' }, h('h2', { id: 'api-heading' }, t('stored.api')), h('p', { class: 'hint' }, `GET /${params.kind}/${params.id}`), jsonView(apiJson)),
      storeBox,
    ),
  );
  if (!token()) {
    storeBox.append(h('p', { class: 'notice', role: 'status' }, t('stored.need_token')));
    return;
  }
  try {
    const stored = await api('GET', `/admin/${params.kind}/${id}`, { admin: true });
    storeBox.append(h('p', { class: 'hint' }, `GET /admin/${params.kind}/${params.id}`), kind.draw(stored));
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const key = error.status === 401 ? 'stored.unauthorized' : error.status === 404 && /admin/.test(error.message) ? 'stored.off' : null;
    storeBox.append(h('p', { class: 'notice', role: 'status' }, key ? t(key) : error.message));
  }
}

// JSON pretty-printed, top-level fields named in `marked` highlighted and labelled.
export function jsonView(value, marked = []) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return h('pre', { class: 'json' }, JSON.stringify(value, null, 2));
  const entries = Object.entries(value);
  return h(
    'pre',
    { class: 'json' },
    '{\n',
    entries.map(([key, v], i) => {
      const text = `  ${JSON.stringify(key)}: ${JSON.stringify(v, null, 2).replace(/\n/g, '\n  ')}${i < entries.length - 1 ? ',' : ''}\n`;
      return marked.includes(key)
        ? h('span', { class: 'server-only', 'data-field': key }, text.replace(/\n$/, ''), h('span', { class: 'mark' }, ` ← ${t('stored.server_only')}`))
        : h('span', { 'data-field': key }, text);
    }),
    '}',
  );
}

function drawRows(stored) {
  return h(
    'div',
    { class: 'store-view' },
    stored.tables.map((tableInfo) =>
      h(
        'div',
        { class: 'table-wrap', 'data-table': tableInfo.table },
        h(
          'table',
          { class: 'rows' },
          h('caption', {}, h('code', {}, tableInfo.table), ` — ${t('stored.rows', { n: tableInfo.rows.length })}`),
          h(
            'thead',
            {},
            h('tr', {}, h('th', { scope: 'col' }, t('stored.column')), h('th', { scope: 'col' }, t('stored.type')),
              tableInfo.rows.map((_, i) => h('th', { scope: 'col' }, t('stored.row', { n: i + 1 })))),
          ),
          h(
            'tbody',
            {},
            // One line per column (transposed): rows are wide, phones are narrow.
            tableInfo.columns.map((column) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, h('code', {}, column.name)),
                h('td', {}, h('code', { class: 'type' }, column.type)),
                tableInfo.rows.map((row) => h('td', {}, row[column.name] === null ? h('span', { class: 'null' }, 'NULL') : row[column.name])),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function drawDocument(stored) {
  return h(
    'div',
    { class: 'store-view' },
    facts([
      [t('stored.database'), h('code', {}, stored.database)],
      [t('stored.collection'), h('code', {}, stored.collection)],
      [t('stored.server_only_fields'), stored.server_only_fields.length ? stored.server_only_fields.join(', ') : '—'],
    ]),
    h('p', { class: 'hint' }, t('stored.extended_json')),
    jsonView(stored.document, stored.server_only_fields),
  );
}

function ttl(ms) {
  return ms < 0 ? t('stored.ttl.none') : t('stored.ttl', { s: number(ms / 1000, 0) });
}

function drawKeys(stored) {
  let value;
  try {
    value = JSON.parse(stored.order.value);
  } catch {
    value = stored.order.value;
  }
  return h(
    'div',
    { class: 'store-view' },
    h('h3', {}, t('stored.order_key')),
    facts([
      [t('stored.key'), h('code', { class: 'redis-key', 'data-key': stored.order.key }, stored.order.key)],
      [t('stored.type'), stored.order.type],
      ['TTL', ttl(stored.order.ttl_ms)],
      ['Redis db', String(stored.db)],
    ]),
    jsonView(value),
    h('h3', {}, t('stored.indexes')),
    h(
      'ul',
      { class: 'keys' },
      stored.indexes.map((index) =>
        h(
          'li',
          { class: 'index-entry', 'data-key': index.key },
          h('code', { class: 'redis-key' }, index.key),
          ` (${index.type}, ${t('stored.members', { n: number(index.size) })}, ${ttl(index.ttl_ms)})`,
          h('br'),
          t('stored.member'), ' ', h('code', {}, index.member), ` · score ${index.score}`,
        ),
      ),
    ),
    h('h3', {}, t('stored.other_keys')),
    facts([
      [t('stored.restock'), stored.restock_due ? h('code', {}, stored.restock_due.key) : '—'],
      [t('stored.void'), stored.void_marker ? h('code', {}, stored.void_marker) : '—'],
    ]),
    h('h3', {}, t('stored.idempotency')),
    stored.idempotency
      ? [
          facts([
            [t('stored.key'), h('code', { class: 'redis-key' }, stored.idempotency.key)],
            [t('stored.type'), stored.idempotency.type],
            ['TTL', ttl(stored.idempotency.ttl_ms)],
          ]),
          jsonView(stored.idempotency.fields),
        ]
      : h('p', { class: 'hint' }, t('stored.no_idempotency')),
  );
}

// Customers (PostgreSQL): the list with the API's filters (name, e-mail), a customer with their
// addresses and orders, and the form that creates one through POST /customers.
import { h, facts, table, append } from '../dom.js';
import { t, cpf, cep, phone, calendarDate, dateTime, money, statusName } from '../i18n.js';
import { api } from '../api.js';
import { filterForm, pager, storedLink, showProblem, problemBox, link } from './common.js';

export async function renderList(main, { query }) {
  const page = await api('GET', '/customers', { query: { q: query.q, email: query.email, cursor: query.cursor, limit: 20 } });
  append(main, 
    h('div', { class: 'page-head' }, h('h1', {}, t('customers.title')), h('a', { class: 'button', href: '#/customers/new' }, t('customers.new'))),
    h('p', { class: 'lead' }, t('customers.lead')),
    filterForm('/customers', query, [
      ['q', t('customers.filter.name')],
      ['email', t('customers.filter.email'), { type: 'email' }],
    ], { label: t('customers.search') }),
    table(
      { text: t('customers.title'), hidden: true },
      [
        [t('customer.name'), (c) => h('a', { href: `#/customers/${c.id}` }, c.name)],
        [t('customer.email'), (c) => c.email],
        ['CPF', (c) => cpf(c.cpf)],
        [t('address.city'), (c) => (c.addresses[0] ? `${c.addresses[0].city}/${c.addresses[0].state}` : '—')],
      ],
      page.items,
      { empty: t('list.empty') },
    ),
    pager('/customers', query, page.next_cursor),
  );
}

export async function renderDetail(main, { params, query }) {
  const customer = await api('GET', `/customers/${encodeURIComponent(params.id)}`);
  const orders = await api('GET', `/customers/${encodeURIComponent(params.id)}/orders`, { query: { cursor: query.cursor, limit: 20 } });
  append(main, 
    h('div', { class: 'page-head' }, h('h1', {}, customer.name), storedLink('customers', customer.id)),
    facts([
      ['Id', customer.id],
      [t('customer.email'), customer.email],
      ['CPF', cpf(customer.cpf)],
      [t('customer.phone'), phone(customer.phone)],
      [t('customer.birth_date'), calendarDate(customer.birth_date)],
      [t('created_at'), dateTime(customer.created_at)],
      [t('updated_at'), dateTime(customer.updated_at)],
    ]),
    h('h2', {}, t('customer.addresses')),
    customer.addresses.length
      ? h(
          'ul',
          { class: 'addresses' },
          customer.addresses.map((a) =>
            h(
              'li',
              {},
              h('address', {}, `${a.street}, ${a.number}${a.complement ? ` — ${a.complement}` : ''}`, h('br'),
                `${a.district ? `${a.district}, ` : ''}${a.city}/${a.state}`, h('br'), `CEP ${cep(a.postal_code)} · ${a.country}`),
            ),
          ),
        )
      : h('p', { class: 'hint' }, t('customer.no_addresses')),
    h('h2', {}, t('customer.orders')),
    table(
      { text: t('customer.orders'), hidden: true },
      [
        [t('order.id'), (o) => h('a', { href: `#/orders/${o.id}` }, h('code', {}, o.id))],
        [t('order.status'), (o) => h('span', { class: `status ${o.status}` }, statusName(o.status))],
        [t('order.total'), (o) => money(o.total)],
        [t('created_at'), (o) => dateTime(o.created_at)],
      ],
      orders.items,
      { empty: t('customer.no_orders') },
    ),
    pager(`/customers/${customer.id}`, query, orders.next_cursor),
    h('p', {}, h('a', { href: link('/orders', { customer_id: customer.id }) }, t('customer.orders_filter'))),
  );
}

const STATES = 'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO'.split(' ');

export async function renderNew(main) {
  const input = (field, label, attributes = {}) => {
    const id = `customer-${field.replace(/\W+/g, '-')}`;
    return h(
      'div',
      { class: 'field' },
      h('label', { for: id }, label, attributes.required ? h('span', { class: 'required', 'aria-hidden': 'true' }, ' *') : null),
      h('input', { id, name: field, 'data-field': field, ...attributes }),
    );
  };
  const form = h(
    'form',
    { class: 'form', novalidate: true, onsubmit: (event) => submit(event, form) },
    problemBox(),
    h(
      'fieldset',
      {},
      h('legend', {}, t('customer.identity')),
      input('name', t('customer.name'), { required: true, autocomplete: 'name', maxlength: 200 }),
      input('email', t('customer.email'), { type: 'email', required: true, autocomplete: 'email' }),
      input('cpf', 'CPF', { inputmode: 'numeric', placeholder: '000.000.000-00', autocomplete: 'off' }),
      input('phone', t('customer.phone'), { type: 'tel', autocomplete: 'tel', placeholder: '(11) 91234-5678' }),
      input('birth_date', t('customer.birth_date'), { type: 'date' }),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('customer.address')),
      input('addresses[0].postal_code', 'CEP', { inputmode: 'numeric', placeholder: '00000-000', autocomplete: 'postal-code' }),
      input('addresses[0].street', t('address.street'), { autocomplete: 'address-line1' }),
      input('addresses[0].number', t('address.number')),
      input('addresses[0].complement', t('address.complement')),
      input('addresses[0].district', t('address.district')),
      input('addresses[0].city', t('address.city'), { autocomplete: 'address-level2' }),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'customer-state' }, t('address.state')),
        h('select', { id: 'customer-state', name: 'addresses[0].state', 'data-field': 'addresses[0].state' }, h('option', { value: '' }, '—'), STATES.map((s) => h('option', { value: s }, s))),
      ),
    ),
    h('button', { type: 'submit' }, t('customer.create')),
  );
  append(main, h('h1', {}, t('customers.new')), h('p', { class: 'lead' }, t('customers.new.lead')), form);
}

async function submit(event, form) {
  event.preventDefault();
  const values = Object.fromEntries(new FormData(form));
  const body = { name: values.name, email: values.email };
  for (const field of ['cpf', 'phone', 'birth_date']) if (values[field]) body[field] = values[field];
  const address = {};
  for (const [name, value] of Object.entries(values)) {
    const m = /^addresses\[0\]\.(\w+)$/.exec(name);
    if (m && value) address[m[1]] = value;
  }
  if (Object.keys(address).length) body.addresses = [address];
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  try {
    const created = await api('POST', '/customers', { body });
    location.hash = `#/customers/${created.id}`;
  } catch (error) {
    showProblem(form, error);
  } finally {
    button.disabled = false;
  }
}

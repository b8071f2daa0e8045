// Orders (Redis): the list with the API's filters (customer, status), an order with its books
// and customer, and the status changes the API allows (PATCH /orders/{id}), cancelling included.
import { h, facts, table, append } from '../dom.js';
import { t, money, number, dateTime, statusName } from '../i18n.js';
import { api } from '../api.js';
import { filterForm, pager, storedLink, showProblem, problemBox } from './common.js';

const STATUSES = ['created', 'paid', 'shipped', 'delivered', 'cancelled'];
// The moves the API accepts (domain/orders/status_moves): created -> paid -> shipped ->
// delivered, and created or paid -> cancelled.
const NEXT = { created: ['paid', 'cancelled'], paid: ['shipped', 'cancelled'], shipped: ['delivered'], delivered: [], cancelled: [] };

export async function renderList(main, { query }) {
  const page = await api('GET', '/orders', { query: { customer_id: query.customer_id, status: query.status, cursor: query.cursor, limit: 20 } });
  append(main, 
    h('h1', {}, t('orders.title')),
    h('p', { class: 'lead' }, t('orders.lead')),
    filterForm('/orders', query, [
      ['customer_id', t('order.customer'), { type: 'text', inputmode: 'numeric' }],
      ['status', t('order.status'), { options: STATUSES.map((s) => [s, statusName(s)]) }],
    ], { label: t('orders.search') }),
    table(
      { text: t('orders.title'), hidden: true },
      [
        [t('order.id'), (o) => h('a', { href: `#/orders/${o.id}` }, h('code', {}, o.id))],
        [t('order.customer'), (o) => h('a', { href: `#/customers/${o.customer_id}` }, `#${o.customer_id}`)],
        [t('order.status'), (o) => h('span', { class: `status ${o.status}` }, statusName(o.status))],
        [t('order.items'), (o) => number(o.items.reduce((n, i) => n + i.quantity, 0))],
        [t('order.total'), (o) => money(o.total)],
        [t('created_at'), (o) => dateTime(o.created_at)],
      ],
      page.items,
      { empty: t('list.empty') },
    ),
    pager('/orders', query, page.next_cursor),
  );
}

export async function renderDetail(main, { params }) {
  const order = await api('GET', `/orders/${encodeURIComponent(params.id)}`);
  const customer = await api('GET', `/customers/${order.customer_id}`).catch(() => null);
  append(main, 
    h('div', { class: 'page-head' }, h('h1', {}, t('order.title', { id: `…${order.id.slice(-12)}` })), storedLink('orders', order.id)),
    facts([
      ['Id', h('code', {}, order.id)],
      [t('order.customer'), h('a', { href: `#/customers/${order.customer_id}` }, customer ? `${customer.name} (#${order.customer_id})` : `#${order.customer_id}`)],
      [t('order.status'), h('span', { class: `status ${order.status}`, id: 'order-status' }, statusName(order.status))],
      [t('order.total'), money(order.total)],
      [t('created_at'), dateTime(order.created_at)],
      [t('updated_at'), dateTime(order.updated_at)],
    ]),
    h('h2', {}, t('order.items')),
    table(
      { text: t('order.items'), hidden: true },
      [
        [t('book.title'), (i) => h('a', { href: `#/books/${i.book_id}` }, i.title)],
        [t('order.unit_price'), (i) => money(i.unit_price)],
        [t('order.quantity'), (i) => number(i.quantity)],
        [t('order.subtotal'), (i) => money(i.subtotal)],
      ],
      order.items,
    ),
    statusForm(order),
  );
}

function statusForm(order) {
  const moves = NEXT[order.status] || [];
  if (moves.length === 0) return h('p', { class: 'hint' }, t('order.final', { status: statusName(order.status) }));
  const change = async (status, form) => {
    for (const button of form.querySelectorAll('button')) button.disabled = true;
    try {
      await api('PATCH', `/orders/${order.id}`, { body: { status } });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (error) {
      showProblem(form, error);
      for (const button of form.querySelectorAll('button')) button.disabled = false;
    }
  };
  const forward = moves.filter((s) => s !== 'cancelled');
  const form = h(
    'form',
    {
      class: 'form inline',
      'aria-labelledby': 'status-heading',
      onsubmit: (event) => {
        event.preventDefault();
        change(form.querySelector('select').value, form);
      },
    },
    h('h2', { id: 'status-heading' }, t('order.change_status')),
    problemBox(),
    forward.length
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: 'order-next-status' }, t('order.new_status')),
          h('select', { id: 'order-next-status', name: 'status', 'data-field': 'status' }, forward.map((s) => h('option', { value: s }, statusName(s)))),
          h('button', { type: 'submit' }, t('order.apply')),
        )
      : null,
    moves.includes('cancelled')
      ? h(
          'button',
          {
            type: 'button',
            class: 'danger',
            id: 'cancel-order',
            onclick: () => {
              if (confirm(t('order.cancel.confirm'))) change('cancelled', form);
            },
          },
          t('order.cancel'),
        )
      : null,
  );
  return form;
}

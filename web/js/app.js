// The console's shell: the header (navigation, language, API token), and a hash router that
// shows one page at a time in <main>. Pages are modules exporting render(main, route), which may
// return a function to call when the page is left (to stop its timers).
import { h, clear } from './dom.js';
import { t, setLanguage, currentLanguage } from './i18n.js';
import { token, setToken } from './api.js';
import * as overview from './pages/overview.js';
import * as customers from './pages/customers.js';
import * as books from './pages/books.js';
import * as orders from './pages/orders.js';
import * as stored from './pages/stored.js';
import * as reference from './pages/reference.js';

// [pattern, page, navigation key]; ":name" captures one path segment.
const routes = [
  ['/', overview.render, 'nav.overview'],
  ['/customers', customers.renderList, 'nav.customers'],
  ['/customers/new', customers.renderNew, 'nav.customers'],
  ['/customers/:id', customers.renderDetail, 'nav.customers'],
  ['/books', books.renderList, 'nav.books'],
  ['/books/:id', books.renderDetail, 'nav.books'],
  ['/orders', orders.renderList, 'nav.orders'],
  ['/orders/:id', orders.renderDetail, 'nav.orders'],
  ['/stored/:kind/:id', stored.render, null],
  ['/reference', reference.render, 'nav.reference'],
];

const navigation = [
  ['#/', 'nav.overview'],
  ['#/customers', 'nav.customers'],
  ['#/books', 'nav.books'],
  ['#/orders', 'nav.orders'],
  ['#/reference', 'nav.reference'],
];

let leave = null;

function parseHash() {
  const hash = decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, search = ''] = hash.split('?');
  const query = Object.fromEntries(new URLSearchParams(search));
  const segments = path.split('/').filter(Boolean);
  for (const [pattern, page, nav] of routes) {
    const want = pattern.split('/').filter(Boolean);
    if (want.length !== segments.length) continue;
    const params = {};
    if (want.every((w, i) => (w.startsWith(':') ? ((params[w.slice(1)] = segments[i]), true) : w === segments[i]))) {
      return { page, nav, params, query, path };
    }
  }
  return { page: notFound, nav: null, params: {}, query, path };
}

function notFound(main) {
  main.append(h('h1', {}, t('notfound.title')), h('p', {}, h('a', { href: '#/' }, t('nav.overview'))));
}

function renderHeader(active) {
  const header = document.getElementById('top');
  clear(header);
  const languageSelect = h(
    'select',
    {
      id: 'language',
      onchange: (e) => {
        setLanguage(e.target.value);
        show();
      },
    },
    h('option', { value: 'pt-BR', selected: currentLanguage() === 'pt-BR' }, 'Português (Brasil)'),
    h('option', { value: 'en', selected: currentLanguage() === 'en' }, 'English'),
  );
  const tokenInput = h('input', {
    id: 'api-token',
    type: 'password',
    autocomplete: 'current-password',
    value: token(),
    placeholder: t('token.placeholder'),
    onchange: (e) => {
      setToken(e.target.value.trim());
      show();
    },
  });
  header.append(
    h('a', { class: 'skip', href: '#main', onclick: skipToMain }, t('skip')),
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '#/' }, h('img', { src: '/console/img/logo.svg', alt: '', width: 28, height: 28 }), 'Livros & Dados'),
      h(
        'nav',
        { 'aria-label': t('nav.label') },
        h(
          'ul',
          {},
          navigation.map(([href, key]) =>
            h('li', {}, h('a', { href, 'aria-current': key === active ? 'page' : null }, t(key))),
          ),
        ),
      ),
      h(
        'form',
        {
          class: 'settings',
          'aria-label': t('settings.label'),
          onsubmit: (e) => {
            e.preventDefault();
            setToken(tokenInput.value.trim());
            show();
          },
        },
        // A user name field (hidden) keeps browsers from guessing one for the token.
        h('input', { type: 'text', name: 'username', autocomplete: 'username', value: 'api', hidden: true, 'aria-hidden': 'true', tabindex: '-1' }),
        h('label', { for: 'language' }, t('language')),
        languageSelect,
        h('label', { for: 'api-token' }, t('token.label')),
        tokenInput,
      ),
    ),
  );
}

function skipToMain(event) {
  event.preventDefault();
  document.getElementById('main').focus();
}

async function show() {
  if (leave) leave();
  leave = null;
  const route = parseHash();
  document.documentElement.lang = currentLanguage();
  renderHeader(route.nav);
  const main = clear(document.getElementById('main'));
  try {
    const cleanup = await route.page(main, route);
    if (typeof cleanup === 'function') leave = cleanup;
  } catch (error) {
    main.append(h('p', { class: 'error', role: 'alert' }, t('error.load', { message: error.message })));
  }
  const heading = main.querySelector('h1');
  document.title = heading ? `${heading.textContent} · Livros & Dados` : 'Livros & Dados';
}

window.addEventListener('hashchange', () => {
  show().then(() => document.getElementById('main').focus({ preventScroll: false }));
});
show();

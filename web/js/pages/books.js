// Books (MongoDB): the list with the API's filters (text, author, category, language) and a
// book's page. Covers come from the book's thumbnail; when it cannot be loaded (no internet, a
// dead link) a neutral placeholder takes its place.
import { h, facts, table, append } from '../dom.js';
import { t, money, number, dateTime } from '../i18n.js';
import { api } from '../api.js';
import { filterForm, pager, storedLink, link } from './common.js';

const PLACEHOLDER = '/console/img/cover-placeholder.svg';

export function cover(book, size = 'small') {
  const img = h('img', {
    class: `cover ${size}`,
    src: book.thumbnail || PLACEHOLDER,
    alt: t('book.cover', { title: book.title }),
    loading: 'lazy',
    referrerpolicy: 'no-referrer',
    width: size === 'small' ? 48 : 128,
    height: size === 'small' ? 72 : 192,
  });
  img.addEventListener('error', () => {
    if (!img.src.endsWith(PLACEHOLDER)) {
      img.src = PLACEHOLDER;
      img.dataset.placeholder = 'true';
    }
  });
  if (!book.thumbnail) img.dataset.placeholder = 'true';
  return img;
}

const LANGUAGES = [
  ['pt', 'Português'],
  ['en', 'English'],
  ['es', 'Español'],
  ['fr', 'Français'],
];

export async function renderList(main, { query }) {
  const page = await api('GET', '/books', {
    query: { q: query.q, author: query.author, category: query.category, language: query.language, cursor: query.cursor, limit: 20 },
  });
  append(main, 
    h('h1', {}, t('books.title')),
    h('p', { class: 'lead' }, t('books.lead')),
    filterForm('/books', query, [
      ['q', t('books.filter.text')],
      ['author', t('book.authors')],
      ['category', t('book.categories')],
      ['language', t('book.language'), { options: LANGUAGES }],
    ], { label: t('books.search') }),
    table(
      { text: t('books.title'), hidden: true },
      [
        ['', (b) => cover(b)],
        [t('book.title'), (b) => h('a', { href: `#/books/${b.id}` }, b.title)],
        [t('book.authors'), (b) => (b.authors || []).join(', ') || '—'],
        [t('book.price'), (b) => money(b.price)],
        [t('book.stock'), (b) => number(b.stock)],
      ],
      page.items,
      { empty: t('list.empty') },
    ),
    pager('/books', query, page.next_cursor),
  );
}

export async function renderDetail(main, { params }) {
  const book = await api('GET', `/books/${encodeURIComponent(params.id)}`);
  const authors = (book.authors || []).map((a) => h('a', { href: link('/books', { author: a }) }, a));
  const categories = (book.categories || []).map((c) => h('a', { href: link('/books', { category: c }) }, c));
  const join = (items) => (items.length ? items.flatMap((item, i) => (i ? [', ', item] : [item])) : '—');
  append(main, 
    h('div', { class: 'page-head' }, h('h1', {}, book.title), storedLink('books', book.id)),
    book.subtitle ? h('p', { class: 'lead' }, book.subtitle) : null,
    h(
      'div',
      { class: 'book' },
      cover(book, 'large'),
      facts([
        ['Id', h('code', {}, book.id)],
        [t('book.authors'), join(authors)],
        [t('book.publisher'), book.publisher || '—'],
        [t('book.published'), book.published_date || '—'],
        [t('book.categories'), join(categories)],
        [t('book.language'), book.language || '—'],
        ['ISBN-13', book.isbn_13 || '—'],
        ['ISBN-10', book.isbn_10 || '—'],
        [t('book.pages'), book.page_count ? number(book.page_count) : '—'],
        [t('book.price'), money(book.price)],
        [t('book.stock'), number(book.stock)],
        [t('created_at'), dateTime(book.created_at)],
        [t('updated_at'), dateTime(book.updated_at)],
      ]),
    ),
    ...(book.description ? [h('h2', {}, t('book.description')), h('p', { class: 'description' }, book.description)] : []),
  );
}

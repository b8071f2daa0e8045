// Words and formats in Portuguese (pt-BR, the default) and English. Amounts are BRL or the
// order's currency, CPF and CEP are always written the Brazilian way (123.456.789-09,
// 01310-200) whatever the language, since that is how the documents themselves read.
import { ptBR } from './messages_pt_br.js';
import { en } from './messages_en.js';

const catalogs = { 'pt-BR': ptBR, en };
const STORAGE_KEY = 'ld.language';

let language = catalogs[localStorage.getItem(STORAGE_KEY)] ? localStorage.getItem(STORAGE_KEY) : 'pt-BR';

export function currentLanguage() {
  return language;
}

export function setLanguage(next) {
  if (!catalogs[next]) return;
  language = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

// t('customers.count', {n: 3}) -> the message with {n} replaced.
export function t(key, values = {}) {
  const text = catalogs[language][key] ?? catalogs['pt-BR'][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

export function money(value) {
  if (!value || value.amount === undefined) return '—';
  return new Intl.NumberFormat(language, { style: 'currency', currency: value.currency || 'BRL' }).format(
    Number(value.amount),
  );
}

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
}

// An RFC 3339 timestamp as local date and time: 07/12/2026 14:03.
export function dateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

// A calendar date (YYYY-MM-DD) without moving it across time zones: 31/12/1990.
export function calendarDate(text) {
  if (!text) return '—';
  const [y, m, d] = text.split('-').map(Number);
  return new Intl.DateTimeFormat(language, { dateStyle: 'short', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d || 1));
}

export function cpf(digits) {
  if (!digits) return '—';
  const d = String(digits).replace(/\D/g, '');
  return d.length === 11 ? `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}` : digits;
}

export function cep(digits) {
  if (!digits) return '—';
  const d = String(digits).replace(/\D/g, '');
  return d.length === 8 ? `${d.slice(0, 5)}-${d.slice(5)}` : digits;
}

// Brazilian phone numbers as written at home: (11) 91234-5678.
export function phone(text) {
  if (!text) return '—';
  const d = String(text).replace(/\D/g, '').replace(/^55(?=\d{10,11}$)/, '');
  if (d.length === 11) return `(${d.slice(0, 2)}) ${d.slice(2, 7)}-${d.slice(7)}`;
  if (d.length === 10) return `(${d.slice(0, 2)}) ${d.slice(2, 6)}-${d.slice(6)}`;
  return text;
}

export function statusName(status) {
  return t(`status.${status}`);
}

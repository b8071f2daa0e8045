// The web console in a real browser: Debian's Chromium, headless, driven by playwright-core,
// against the real s2 on the test stores. Every page visited is saved as a screenshot in the
// output folder (LD_CONSOLE_SCREENSHOTS, default ./screenshots).
//
//   node --test console_browser_test.mjs   (ctest runs it with the paths set; see CMakeLists.txt)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(join(process.env.LD_BROWSER_MODULES || '.', 'package.json'));
const { chromium } = require('playwright-core');

const S2_BINARY = process.env.LD_S2_BINARY;
const CHROMIUM = process.env.LD_CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.LD_CONSOLE_SCREENSHOTS || 'screenshots';
const TOKEN = 'console-browser-test-token';
const env = (name, fallback) => process.env[name] || fallback;

let s2;
let base;
let browser;
let context;
let page;
const external = []; // requests the browser tried to send anywhere but S2

const run = `${process.pid}-${Date.now() % 1000000}`;
let serial = 0;
const unique = (what) => `${what}-${run}-${++serial}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function until(what, check, ms = 30000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function api(method, path, body, headers = {}) {
  const response = await fetch(base + path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

// A valid CPF that differs per call.
function newCpf() {
  const digits = String(100000000 + ((Date.now() + serial++ * 7919) % 899999999)).split('').map(Number);
  for (let round = 0; round < 2; round++) {
    const n = digits.length;
    const sum = digits.reduce((s, d, i) => s + d * (n + 1 - i), 0);
    digits.push(((sum * 10) % 11) % 10);
  }
  return digits.join('');
}

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

// A fresh load of the page at `hash` (not a same-document hash change), so every wait below
// sees the new page, never the one before.
async function go(hash) {
  await page.goto('about:blank');
  await page.goto(`${base}/${hash}`);
  await page.waitForSelector('main h1');
}

before(async () => {
  assert.ok(S2_BINARY, 'LD_S2_BINARY names the s2 binary');
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const log = openSync(join(SHOTS, 's2.log'), 'w');
  s2 = spawn(S2_BINARY, [], {
    stdio: ['ignore', log, log],
    env: {
      ...process.env,
      S2_ENV_FILE: '',
      S2_HOST: '127.0.0.1',
      S2_PORT: String(port),
      S2_API_TOKEN: TOKEN,
      S2_PG_URL: env('LD_TEST_PG_URL', 'postgresql://livros@127.0.0.1:15432/livros_test'),
      S2_MONGO_URL: env('LD_TEST_MONGO_URL', 'mongodb://127.0.0.1:17017'),
      S2_MONGO_DB: env('LD_TEST_MONGO_DB', 'livros_test'),
      S2_REDIS_URL: env('LD_TEST_REDIS_URL', 'redis://127.0.0.1:16379/1'),
    },
  });
  await until('s2 to answer /health', async () => (await fetch(`${base}/health`)).ok, 60000);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  // Whatever is not S2 is recorded and never sent.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${base}/`)) return route.continue();
    external.push(url);
    return route.abort();
  });
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  if (s2) {
    s2.kill('SIGTERM');
    await new Promise((resolve) => s2.once('exit', resolve));
  }
});

test('the overview shows the three stores up, and the page loads nothing from outside S2', async () => {
  external.length = 0;
  const loaded = [];
  page.on('request', (r) => loaded.push(r.url()));
  await go('#/');
  await page.waitForSelector('.store[data-store="redis"]');
  for (const store of ['postgres', 'mongodb', 'redis']) {
    await page.waitForSelector(`.store[data-store="${store}"][data-status="up"]`);
  }
  assert.match(await page.locator('.store[data-store="redis"]').innerText(), /AOF[^]*ligado/);
  // The charts appear once two samples of /metrics are in (one every five seconds).
  await page.waitForSelector('.chart-box svg.chart path.series', { timeout: 20000 });
  await shot('overview');
  page.removeAllListeners('request');
  assert.deepEqual(external, [], 'no request leaves S2');
  assert.ok(loaded.some((u) => u.endsWith('/console/js/app.js')));
  assert.ok(loaded.every((u) => u.startsWith(`${base}/`)), loaded.join('\n'));
});

test('a search finds a customer created through the API', async () => {
  const name = `Zélia Quitéria ${unique('busca')}`;
  const email = `${unique('zelia')}@example.com.br`;
  const created = await api('POST', '/customers', {
    name,
    email,
    cpf: newCpf(),
    phone: '11912345678',
    addresses: [{ street: 'Rua Augusta', number: '1500', district: 'Consolação', city: 'São Paulo', state: 'SP', postal_code: '01304-001' }],
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await go('#/customers');
  await page.fill('#filter-q', name.split(' ').slice(2).join(' '));
  await page.press('#filter-q', 'Enter');
  const link = page.getByRole('link', { name });
  await link.waitFor();
  await shot('customers');
  await link.click();
  await page.waitForSelector(`h1:has-text("${name}")`);
  const text = await page.locator('main').innerText();
  assert.match(text, new RegExp(created.body.cpf.replace(/^(\d{3})(\d{3})(\d{3})(\d{2})$/, '$1\\.$2\\.$3-$4')));
  assert.match(text, /CEP 01304-001/);
  assert.match(text, /\(11\) 91234-5678/);
  await shot('customer');
});

test('"where is it stored" shows an order\'s Redis key and index entries', async () => {
  const customer = await api('POST', '/customers', { name: 'Caetano Teste', email: `${unique('caetano')}@example.com.br` });
  const book = await api('POST', '/books', { title: unique('Grande Sertão: Veredas'), authors: ['João Guimarães Rosa'], price: { amount: '59.90', currency: 'BRL' }, stock: 10 });
  const key = unique('browser-order');
  const order = await api('POST', '/orders', { customer_id: customer.body.id, items: [{ book_id: book.body.id, quantity: 2 }] }, { 'Idempotency-Key': key });
  assert.equal(order.status, 201, JSON.stringify(order.body));
  await go(`#/stored/orders/${order.body.id}`);
  await page.waitForSelector('.notice'); // no token yet: the console says it needs one
  await page.fill('#api-token', TOKEN);
  await page.press('#api-token', 'Tab');
  await page.waitForSelector(`code.redis-key[data-key="{ld}:order:${order.body.id}"]`);
  for (const index of ['{ld}:orders', `{ld}:orders:customer:${customer.body.id}`, '{ld}:orders:status:created', `{ld}:orders:customer:${customer.body.id}:created`]) {
    await page.waitForSelector(`.index-entry[data-key="${index}"]`);
  }
  assert.match(await page.locator('main').innerText(), new RegExp(`POST /orders ${key}`));
  await shot('stored-order');

  await go(`#/stored/customers/${customer.body.id}`);
  await page.waitForSelector('[data-table="customer_addresses"]');
  assert.match(await page.locator('[data-table="customers"]').innerText(), /character\(11\)/);
  await shot('stored-customer');

  await go(`#/stored/books/${book.body.id}`);
  await page.waitForSelector('pre .server-only[data-field="revision"]');
  assert.match(await page.locator('main').innerText(), /\$oid/);
  await shot('stored-book');
  assert.deepEqual(external, []);
});

test('cancelling an order in the console is visible through the API', async () => {
  const customer = await api('POST', '/customers', { name: 'Clarice Teste', email: `${unique('clarice')}@example.com.br` });
  const book = await api('POST', '/books', { title: unique('A Hora da Estrela'), authors: ['Clarice Lispector'], price: { amount: '34.50', currency: 'BRL' }, stock: 3 });
  const order = await api('POST', '/orders', { customer_id: customer.body.id, items: [{ book_id: book.body.id, quantity: 1 }] });
  assert.equal(order.status, 201);
  await go(`#/orders/${order.body.id}`);
  assert.match(await page.locator('main').innerText(), /R\$\s34,50/);
  await shot('order');
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#cancel-order');
  await page.waitForSelector('#order-status.cancelled');
  const after = await api('GET', `/orders/${order.body.id}`);
  assert.equal(after.body.status, 'cancelled');
  await shot('order-cancelled');
});

test('a bad CPF typed into the form shows the API\'s field error next to it', async () => {
  const email = `${unique('cpf-ruim')}@example.com.br`;
  await go('#/customers/new');
  await page.fill('#customer-name', 'Tarsila Teste');
  await page.fill('#customer-email', email);
  await page.fill('#customer-cpf', '123.456.789-00');
  await page.fill('#customer-addresses-0-postal_code', '0130');
  await page.getByRole('button', { name: 'Criar cliente' }).click();
  const error = page.locator('.field-error[data-error-for="cpf"]');
  await error.waitFor();
  assert.match(await error.innerText(), /CPF/);
  assert.equal(await page.getAttribute('#customer-cpf', 'aria-invalid'), 'true');
  assert.equal(await page.getAttribute('#customer-cpf', 'aria-describedby'), 'customer-cpf-error');
  await shot('customer-new-errors');
  const found = await api('GET', `/customers?email=${encodeURIComponent(email)}`);
  assert.deepEqual(found.body.items, [], 'nothing was stored');
});

test('a cover that cannot be loaded shows the placeholder', async () => {
  const book = await api('POST', '/books', {
    title: unique('Memórias Póstumas de Brás Cubas'),
    authors: ['Machado de Assis'],
    categories: ['Fiction'],
    language: 'pt',
    thumbnail: 'http://covers.example.invalid/bras-cubas.jpg',
    price: { amount: '24.90', currency: 'BRL' },
    stock: 4,
  });
  assert.equal(book.status, 201, JSON.stringify(book.body));
  external.length = 0;
  await go(`#/books/${book.body.id}`);
  await page.waitForSelector('img.cover.large[data-placeholder="true"]');
  await shot('book');
  // The one request meant for elsewhere was the book's own cover, and it was never sent.
  assert.deepEqual(external, ['http://covers.example.invalid/bras-cubas.jpg']);
  await go(`#/books?author=${encodeURIComponent('Machado de Assis')}`);
  await page.waitForSelector('table img.cover');
  await shot('books');
});

test('the API reference renders the OpenAPI document and "try it" sends a request', async () => {
  await go('#/reference');
  const health = page.locator('details.operation', { hasText: '/health' }).first();
  await health.locator('summary').click();
  await health.getByRole('button', { name: 'Enviar' }).click();
  await health.locator('.try-output strong').waitFor();
  assert.match(await health.locator('.try-output').innerText(), /^200/);
  await shot('reference');
});

test('English is a click away, and the console fits a phone', async () => {
  await go('#/');
  await page.selectOption('#language', 'en');
  await page.waitForSelector('nav a:has-text("Customers")');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.selectOption('#language', 'pt-BR');
  await page.waitForSelector('nav a:has-text("Clientes")');

  await page.setViewportSize({ width: 390, height: 844 });
  await go('#/customers/new');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 390, `the page is ${width}px wide on a 390px screen`);
  await shot('phone-new-customer');
  await go('#/');
  await page.waitForSelector('.store[data-status="up"]');
  await shot('phone-overview');
  // The first Tab lands on the skip link.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
  await page.setViewportSize({ width: 1280, height: 900 });
});

// The customer journey in a real browser (Debian's Chromium, driven by playwright-core): log in with password and
// one-time code, approve an account-access consent (picking one account), approve a payment consent (picking the
// debtor account), revoke the payment consent on the dashboard; then, in Chinese, switch the language back and forth,
// log in as bob and deny a credit consent. The partner's redirect URI is never reached: Playwright intercepts it and
// records the URL. Fails on any console error or page error. One browser launch for everything.
// Settings (environment): BASE_URL, REDIRECT_URI, ACCOUNT_ACCESS_URL, PAYMENT_URL, CREDIT_URL (authorization URLs
// with the request_uri of a pushed request naming the consent), PAYMENT_CONSENT_ID, SCREENSHOT_DIR, CHROMIUM.
// Prints one JSON line: the three callback URLs.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SANDBOX_TOTP_SECRETS as SECRETS, totp } from '../node/sandbox-totp.mjs';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const base = env('BASE_URL');
const redirectUri = env('REDIRECT_URI');
const shots = env('SCREENSHOT_DIR');
mkdirSync(shots, { recursive: true });

const problems = [];
const callbacks = [];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  // A fresh profile per launch (Playwright's default); no calls to Google's services, which this network refuses.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

try {
  // --- alice, English ---
  const english = await newContext('en-US');
  const page = await english.newPage();
  watch(page, 'en');

  await page.goto(env('ACCOUNT_ACCESS_URL'));
  await expectText(page, 'h1', 'Sign in to your bank');
  await shot(page, '01-login-en');
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('alice-password');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL(/\/login\/code$/);
  await page.getByLabel('One-time code').fill('000000' === totp(SECRETS.alice) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expectText(page, '[role=alert]', 'That code is not right');
  await shot(page, '02-code-wrong-en');
  await page.getByLabel('One-time code').fill(totp(SECRETS.alice));
  await page.getByRole('button', { name: 'Sign in' }).click();

  await page.waitForURL(/\/consent\?/);
  await expectText(page, '#bank', 'Lakeside Bank');
  await expectText(page, 'main', 'See their balances');
  const offered = await page.locator('input[name=account]').evaluateAll((inputs) => inputs.map((i) => i.value));
  if (offered.join() !== 'LS-ALICE-CUR,LS-ALICE-SAV') throw new Error(`accounts offered: ${offered}`);
  await page.getByLabel(/LS-ALICE-CUR/).check();
  await shot(page, '03-consent-account-access-en');
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri));

  await page.goto(env('PAYMENT_URL'));
  await page.waitForURL(/\/consent\?/);
  await expectText(page, '#amount', '25.00 EUR');
  await expectText(page, '#creditor', 'Checkout demo shop');
  await page.getByLabel(/LS-ALICE-CUR/).check();
  await shot(page, '04-consent-payment-en');
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL((url) => url.href.startsWith(redirectUri));

  await page.goto(`${base}/account/consents`);
  const row = page.locator(`tr[data-consent="${env('PAYMENT_CONSENT_ID')}"]`);
  await expectText(page, `tr[data-consent="${env('PAYMENT_CONSENT_ID')}"] .status`, 'Active');
  await shot(page, '05-dashboard-en');
  await row.getByRole('button', { name: /Revoke/ }).click();
  await page.waitForURL(/notice=revoked/);
  await expectText(page, `tr[data-consent="${env('PAYMENT_CONSENT_ID')}"] .status`, 'Revoked');
  await expectText(page, '[role=status]', 'The consent was revoked');
  await shot(page, '06-dashboard-revoked-en');
  await english.close();

  // --- bob, Chinese (Accept-Language), with the visible switch ---
  const chinese = await newContext('zh-CN');
  const zh = await chinese.newPage();
  watch(zh, 'zh-CN');
  await zh.goto(env('CREDIT_URL'));
  await expectText(zh, 'h1', '登录您的银行');
  await expectAttribute(zh, 'html', 'lang', 'zh-CN');
  await zh.getByRole('link', { name: 'English' }).click();
  await expectText(zh, 'h1', 'Sign in to your bank');
  await zh.getByRole('link', { name: '中文' }).click();
  await expectText(zh, 'h1', '登录您的银行');
  await shot(zh, '07-login-zh');
  await zh.getByLabel('用户名').fill('bob');
  await zh.getByLabel('密码').fill('bob-password');
  await zh.getByRole('button', { name: '继续' }).click();
  await zh.waitForURL(/\/login\/code$/);
  await expectText(zh, 'h1', '输入一次性验证码');
  await zh.getByLabel('一次性验证码').fill(totp(SECRETS.bob));
  await zh.getByRole('button', { name: '登录' }).click();
  await zh.waitForURL(/\/consent\?/);
  await expectText(zh, '#bank', '海港银行');
  await expectText(zh, 'main', '征信');
  await shot(zh, '08-consent-credit-zh');
  await zh.getByRole('button', { name: '拒绝' }).click();
  await zh.waitForURL((url) => url.href.startsWith(redirectUri));
  await chinese.close();
} finally {
  await browser.close();
}

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(JSON.stringify({ callbacks }));

async function newContext(locale) {
  const context = await browser.newContext({ locale, viewport: { width: 900, height: 1000 } });
  context.setDefaultTimeout(15_000);
  await context.route(`${new URL(redirectUri).origin}/**`, (route) => {
    if (route.request().url().startsWith(redirectUri)) callbacks.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
      body: '<!DOCTYPE html><html lang="en"><title>Partner</title><link rel="icon" href="data:,"><p>Back at the partner.</p></html>' });
  });
  return context;
}

function watch(page, name) {
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error (${name}) at ${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error (${name}) at ${page.url()}: ${error.message}`));
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

async function expectText(page, selector, text) {
  const content = await page.locator(selector).first().textContent();
  if (!content || !content.includes(text)) throw new Error(`${selector} at ${page.url()}: "${content}" lacks "${text}"`);
}

async function expectAttribute(page, selector, name, value) {
  const actual = await page.locator(selector).getAttribute(name);
  if (actual !== value) throw new Error(`${selector}[${name}] is ${actual}, not ${value}`);
}

/**
 * /admin's Email & webhook tab in Chromium, against `npm start` with SMTP on loopback and a
 * webhook receiver: an editor keeps an address and a digest interval there, sees the last
 * deliveries, and the tab is axe-clean.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eventually, startMailbox, startReceiver, type Mailbox, type Receiver } from '../node/server/notify-support.js';
import { admin, axeViolations, e2eSuite } from './harness.js';

let box: Mailbox;
let receiver: Receiver;
const env: Record<string, string> = {};
before(async () => {
  box = await startMailbox();
  receiver = await startReceiver();
  Object.assign(env, {
    KABAR_SMTP_URL: box.url,
    KABAR_MAIL_FROM: 'Redaksi <redaksi@kabar.test>',
    KABAR_WEBHOOK_URL: receiver.url,
    KABAR_WEBHOOK_SECRET: 'rahasia-webhook-0123456789abcdef',
  });
});
after(async () => {
  await box?.close();
  await receiver?.close();
});
const suite = e2eSuite({ env });

test('/admin: an editor keeps an address and a digest there, and sees the last webhook deliveries', async () => {
  const { server } = suite;
  const sent = await fetch(`${server.apiUrl}/stories`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'Sari', email: 'sari@example.org', title: 'Cerita untuk webhook', body: 'Paragraf satu.\n\nParagraf dua.', consent: true, elapsed_ms: 90_000 }),
  });
  assert.equal(sent.status, 201);
  await eventually(() => receiver.deliveries.length > 0, 'a webhook delivery');

  const { page, errors } = await suite.open('/admin');
  await page.getByLabel(/Token admin/).fill(server.adminToken);
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Email & webhook' }).click();
  await page.locator('#webhook-deliveries tbody tr').first().waitFor();
  assert.match((await page.locator('#webhook-deliveries tbody tr').first().textContent()) ?? '', /story\.received.*terkirim/);
  assert.deepEqual(await axeViolations(page), [], 'the Email & webhook tab');

  await page.getByLabel('Alamat email').fill('pemred@redaksi.example');
  await page.getByLabel(/Ringkasan tiap berapa menit/).fill('60');
  await page.getByRole('button', { name: 'Simpan' }).click();
  await page.getByRole('status').filter({ hasText: 'Tersimpan: email ke pemred@redaksi.example, ringkasan tiap 60 menit' }).waitFor();
  const kept = await admin(server, 'GET', '/notifications');
  assert.deepEqual(kept.body, { editor: 'owner', mail: true, email: 'pemred@redaksi.example', stories: true, comments: true, digest_minutes: 60 });
  assert.deepEqual(errors, []);
});

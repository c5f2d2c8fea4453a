/**
 * The answer a form without JavaScript gets: the browser navigated to the API
 * with the form's fields, so it shows whatever comes back. Instead of JSON the
 * person reads one short page in Bahasa Indonesia and English: received (and
 * what happens next), or what needs attention, with the way back to the form
 * (the browser's Back keeps what was typed).
 */
import type { Context } from 'hono';
import { html } from 'hono/html';
import { PAGE_CSP } from '../http.js';

/** A browser navigating (a plain `<form>` sent), not a script calling the API. */
export const isNavigation = (c: Context): boolean =>
  c.req.header('Sec-Fetch-Mode') === 'navigate' || (c.req.header('Sec-Fetch-Mode') === undefined && /^text\/html/i.test(c.req.header('Accept') ?? ''));

const FIELD_NAMES: Record<string, string> = {
  name: 'Nama / Name',
  email: 'Email',
  title: 'Judul / Title',
  body: 'Cerita / Story',
  consent: 'Persetujuan / Consent',
  photo: 'Foto / Photo',
  original_url: 'Tautan asli / Original link',
  community: 'Komunitas / Community',
};

/** The same answer as a page: the status stays, so a 201 is still a 201. */
export async function plainFormAnswer(c: Context, answer: Response): Promise<Response> {
  const body = (await answer.clone().json().catch(() => ({}))) as { error?: { fields?: Record<string, string> } };
  const ok = answer.status >= 200 && answer.status < 300;
  const fields = Object.keys(body.error?.fields ?? {});
  const back = c.req.header('Referer');
  const page = html`<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${ok ? 'Cerita diterima' : 'Cerita belum terkirim'} · Kabar</title></head>
<body><main>
${ok
    ? html`<h1>Terima kasih, cerita Anda diterima</h1><p>Redaksi akan meninjaunya sebelum terbit.</p><p lang="en">Thank you: your story was received. The editors will review it before it is published.</p>`
    : html`<h1>Cerita belum terkirim</h1><p>Periksa lagi: ${fields.length ? fields.map((f) => FIELD_NAMES[f] ?? f).join(', ') : 'coba lagi sebentar lagi'}.</p><p lang="en">Your story was not sent yet: ${fields.length ? 'please check the fields above' : 'please try again in a moment'}. Nothing you typed is lost: go back to the form.</p>`}
${back && /^https?:\/\//.test(back) ? html`<p><a href="${back}">Kembali / Back</a></p>` : ''}
</main></body></html>`;
  const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': PAGE_CSP, 'Cache-Control': 'no-store' });
  const retryAfter = answer.headers.get('Retry-After');
  if (retryAfter) headers.set('Retry-After', retryAfter);
  return new Response(await page, { status: answer.status, headers });
}

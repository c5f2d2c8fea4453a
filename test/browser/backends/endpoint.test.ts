import { expect } from '@open-wc/testing';
import { EndpointBackend } from '../../../src/backends/endpoint.js';
import type { StorySubmission } from '../../../src/backends/types.js';
import { failureOf, installFakeFetch, json, raw, sentJson, type FakeFetch } from './fake-fetch.js';

const story: StorySubmission = {
  name: 'Sari Wulandari',
  email: 'sari@contoh.id',
  community: 'Komunitas Pesisir Hijau',
  title: 'Bakau untuk pantai kami',
  body: 'Paragraf pertama.\n\nParagraf kedua.',
  originalUrl: 'https://blog.contoh.id/bakau',
  consent: true,
  website: '',
  elapsedMs: 64_000.4,
};

const URL_ = 'https://formspree.example/f/abc';

describe('EndpointBackend', () => {
  let fetch: FakeFetch;
  beforeEach(() => {
    fetch = installFakeFetch();
  });
  afterEach(() => fetch.restore());

  it('POSTs the story as JSON, asking for JSON back, and answers with a receipt', async () => {
    fetch.answer(json({ ok: true, id: 'sub_981' }));
    const before = Date.now();
    const receipt = await new EndpointBackend(URL_).submitStory(story);
    expect(fetch.calls).to.have.length(1);
    const [call] = fetch.calls;
    expect(call.url).to.equal(URL_);
    expect(call.method).to.equal('POST');
    expect(call.headers.get('Accept')).to.equal('application/json');
    expect(call.headers.get('Content-Type')).to.equal('application/json');
    expect(sentJson(call)).to.deep.equal({
      name: 'Sari Wulandari',
      email: 'sari@contoh.id',
      community: 'Komunitas Pesisir Hijau',
      title: 'Bakau untuk pantai kami',
      body: 'Paragraf pertama.\n\nParagraf kedua.',
      original_url: 'https://blog.contoh.id/bakau',
      consent: true,
      website: '',
      elapsed_ms: 64000,
    });
    expect(receipt.id).to.equal('sub_981');
    expect(receipt.status).to.equal('sent');
    expect(Date.parse(receipt.receivedAt)).to.be.at.least(before - 1000);
  });

  it('treats a 200 HTML page (a captcha, a thank-you page) as a failure, never a success', async () => {
    fetch.answer(raw('<!doctype html><title>Please verify you are human</title><form>…</form>', {
      status: 200,
      headers: { 'Content-Type': 'text/html' },
    }));
    const error = await failureOf(new EndpointBackend(URL_).submitStory(story));
    expect(error.kind).to.equal('parse');
  });

  it('treats an empty 2xx as a failure too: nobody confirmed anything', async () => {
    fetch.answer(raw(null, { status: 204 }));
    const error = await failureOf(new EndpointBackend(URL_).submitStory(story));
    expect(error.kind).to.equal('parse');
  });

  it('treats a 200 that says it kept nothing ({ok: false}, {errors: […]}) as a failure', async () => {
    fetch.answer(json({ ok: false }));
    expect((await failureOf(new EndpointBackend(URL_).submitStory(story))).kind).to.equal('http');
    fetch.answer(json({ errors: [{ field: 'email', code: 'invalid_email' }] }));
    const error = await failureOf(new EndpointBackend(URL_).submitStory(story));
    expect(error.kind).to.equal('validation');
    expect(error.fields).to.deep.equal({ email: 'invalid_email' });
  });

  it('gives a receipt without an id when the service names none', async () => {
    fetch.answer(json({ ok: true }));
    const receipt = await new EndpointBackend(URL_).submitStory(story);
    expect(receipt).to.include({ id: '', status: 'sent' });
  });

  it('sends multipart with the photo when there is one', async () => {
    fetch.answer(json({ ok: true }));
    const photo = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'pantai.jpg', { type: 'image/jpeg' });
    await new EndpointBackend(URL_).submitStory({ ...story, photo, photoAlt: 'Warga menanam bakau' });
    const [call] = fetch.calls;
    expect(call.body).to.be.instanceOf(FormData);
    const form = call.body as FormData;
    expect(form.get('title')).to.equal('Bakau untuk pantai kami');
    expect(form.get('photo_alt')).to.equal('Warga menanam bakau');
    const sent = form.get('photo') as File;
    expect(sent.name).to.equal('pantai.jpg');
    expect(sent.size).to.equal(4);
    expect(call.headers.get('Accept')).to.equal('application/json');
  });

  it('maps field errors of the usual shapes to validation', async () => {
    fetch.answer(json({ errors: [{ field: 'email', code: 'TYPE_EMAIL', message: 'should be an email' }] }, { status: 422 }));
    const first = await failureOf(new EndpointBackend(URL_).submitStory(story));
    expect(first.kind).to.equal('validation');
    expect(first.fields).to.deep.equal({ email: 'TYPE_EMAIL' });

    fetch.answer(json({ error: { code: 'invalid', message: 'x', fields: { original_url: 'invalid_url' } } }, { status: 422 }));
    const second = await failureOf(new EndpointBackend(URL_).submitStory(story));
    expect(second.fields).to.deep.equal({ originalUrl: 'invalid_url' });
  });

  it('does not send an Idempotency-Key header that a form service’s CORS would refuse', async () => {
    fetch.answer(json({ ok: true }));
    await new EndpointBackend(URL_).submitStory(story, { idempotencyKey: 'k-1' });
    expect(fetch.calls[0].headers.has('Idempotency-Key')).to.equal(false);
  });

  it('fails with http on a server error', async () => {
    fetch.answer(raw('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = await failureOf(new EndpointBackend(URL_).submitStory(story));
    expect(error.kind).to.equal('http');
    expect(error.status).to.equal(502);
    expect(error.retryable).to.equal(true);
  });
});

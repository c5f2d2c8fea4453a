/** Receiving a reader's story: JSON or a multipart form with one photo. */
import { Hono } from 'hono';
import { sniffImageType, validateStory } from '../../src/core/rules/rules.js';
import { errorBody, fail, tooManyRequests } from '../http.js';
import { formStamp } from '../form-stamp.js';
import { requestHash } from '../limits.js';
import { imageSize } from '../images/size.js';
import { stripMetadata } from '../images/metadata.js';
import type { Once } from '../store/types.js';
import { holdPhoto } from '../uploads/index.js';
import { storyReceipt } from '../wire.js';
import type { RouteContext } from './context.js';
import { isNavigation, plainFormAnswer } from './plain-form.js';
import { answer, bodyText, idempotencyClaim, readJson, send, trimmed, truthy, wireFields } from './request.js';

export function storyRoutes({ store, config, keyed, spendSender, rateLimited, suspicion, uploads, dropPhotos, prune, jsonLimit, multipartLimit }: RouteContext): Hono {
  const app = new Hono();

  // For forms without JavaScript: a page that renders its form on a server asks for a stamp and
  // puts it in a hidden `form_stamp` field, so the send's fill time can be judged (see form-stamp.ts).
  app.get('/form-stamp', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ form_stamp: formStamp(config.adminToken) });
  });

  app.post(
    '/stories',
    // A form without JavaScript navigated here: its writer reads a page, not JSON.
    async (c, next) => {
      await next();
      if (isNavigation(c)) c.res = await plainFormAnswer(c, c.res);
    },
    (c, next) => (/^multipart\/form-data\b/i.test(c.req.header('Content-Type') ?? '') ? multipartLimit(c, next) : jsonLimit(c, next)),
    async (c) => {
      // Without an Idempotency-Key, before the body is read: parsing a large multipart body is the
      // expensive part. With one, the allowance is spent in the write, so retries cost nothing.
      const early = keyed(c) ? undefined : await spendSender(c, 'stories');
      if (early) return tooManyRequests(c, early);
      const type = c.req.header('Content-Type') ?? '';
      let fields: Record<string, unknown>;
      let photo: File | undefined;
      if (/^multipart\/form-data\b/i.test(type)) {
        let form: FormData;
        try {
          form = await c.req.formData();
        } catch {
          return fail(c, 400, 'invalid_json', 'The multipart body could not be read.');
        }
        fields = {};
        for (const [name, value] of form.entries()) {
          if (name === 'photo' && typeof value !== 'string') {
            if (value.size > 0 || value.name) photo = value;
          } else if (typeof value === 'string') fields[name] = value;
        }
      } else {
        const json = await readJson(c);
        if (!json.ok) return json.response;
        fields = json.value;
      }

      const bytes = photo ? new Uint8Array(await photo.arrayBuffer()) : undefined;
      const story = {
        name: trimmed(fields.name) ?? '',
        email: trimmed(fields.email) ?? '',
        community: trimmed(fields.community),
        title: trimmed(fields.title) ?? '',
        body: bodyText(fields.body),
        category: trimmed(fields.category),
        originalUrl: trimmed(fields.original_url),
        photoAlt: trimmed(fields.photo_alt),
        consent: truthy(fields.consent),
      };
      // Opt-in "your story was published" by e-mail: a boolean in JSON, a checked box in a form.
      const notify = truthy(fields.notify);
      const photoHash = bytes ? requestHash(Buffer.from(bytes).toString('base64')) : null;
      const claim = idempotencyClaim(c, 'POST /stories', { story, photoHash, website: fields.website ?? null, ...(notify ? { notify } : {}) });
      if (!claim.ok) return claim.response;
      if (claim.value) {
        const earlier = await store.findAnswer(claim.value);
        if (earlier) return send(c, earlier);
      }

      const sniffed = bytes ? sniffImageType(bytes) : undefined;
      const errors = validateStory(
        { ...story, photo: bytes ? { type: sniffed ?? photo!.type, size: bytes.length } : undefined },
        { maxPhotoBytes: config.maxPhotoBytes, minParagraphs: config.minParagraphs },
      );
      if (bytes && !sniffed) {
        return fail(c, 415, 'unsupported_media_type', 'The photo is not a JPEG, PNG, WebP or GIF image.', wireFields({ ...errors, photo: 'photo_type' }));
      }
      if (errors.photo === 'photo_too_large') {
        return fail(c, 413, 'payload_too_large', 'The photo is too large.', wireFields(errors));
      }
      if (Object.keys(errors).length) return fail(c, 422, 'validation_failed', 'Some fields need attention.', wireFields(errors));

      // Never trusting the browser to have done it: EXIF, XMP, text chunks and comments go before anything is kept.
      const clean = bytes && sniffed ? stripMetadata(bytes, sniffed) : undefined;
      if (bytes && !clean) {
        return fail(c, 415, 'unsupported_media_type', 'The photo could not be read as an image.', { photo: 'photo_type' });
      }
      let media;
      try {
        media = clean && sniffed ? await holdPhoto(uploads, clean, sniffed, imageSize(clean, sniffed)) : undefined;
      } catch (error) {
        console.error('kabar: a photo could not be stored', error);
        return fail(c, 503, 'storage_failed', 'The photo could not be stored. Nothing was kept; try again later.');
      }
      const { consent: _consent, ...sent } = story;
      let once: Once;
      try {
        if (media) await store.addMedia(media);
        // A send that looks automated is held (a bot signal as spam, its timing alone in the pending list with a marker), answered like any other.
        const received = { ...sent, photoFile: media?.file, receivedAt: Date.now(), spamReason: suspicion(fields), notify };
        once = await store.once(claim.value, async (tx) => {
          const wait = keyed(c) ? await spendSender(c, 'stories', tx) : undefined;
          if (wait) return rateLimited(wait);
          const result = await tx.createStory(received);
          return result.ok
            ? answer(201, storyReceipt(result.story))
            : answer(409, errorBody('duplicate', 'This story was already received and waits for review.'));
        });
      } catch (error) {
        // The store's error is the one to answer with; a photo that cannot go either is logged.
        if (media) await dropPhotos([media.file]).catch((dropError: unknown) => console.error('kabar: a photo could not be removed', dropError));
        throw error;
      }
      // A duplicate (or a twin request that won the race) keeps no photo.
      if (media && !(once.kind === 'fresh' && once.answer.status === 201)) await dropPhotos([media.file]);
      await prune();
      return send(c, once);
    },
  );

  return app;
}

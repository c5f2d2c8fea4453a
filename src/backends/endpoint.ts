import { BackendError, PartialBackend, type CallOptions } from './backend.js';
import { request } from './http.js';
import { snakeToCamel, storyPayload } from './story-wire.js';
import type { StoryReceipt, StorySubmission } from './types.js';

/** Maps the usual error shapes of form services (Kabar's `{error: {fields}}`, `{errors: [{field, code}]}`) to field codes. */
function fieldErrors(body: unknown): Record<string, string> | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { error?: { fields?: unknown }; errors?: unknown };
  const fields: Record<string, string> = {};
  if (record.error?.fields && typeof record.error.fields === 'object') {
    for (const [name, code] of Object.entries(record.error.fields as Record<string, unknown>))
      if (typeof code === 'string') fields[snakeToCamel(name)] = code;
  }
  if (Array.isArray(record.errors)) {
    for (const item of record.errors as Array<{ field?: unknown; code?: unknown }>)
      if (typeof item?.field === 'string') fields[snakeToCamel(item.field)] = typeof item.code === 'string' ? item.code : 'invalid';
  }
  return Object.keys(fields).length ? fields : undefined;
}

/** A refusal: per-field codes when the service gave any, else a plain `http` failure (or none, to let http map it). */
function fieldErrorsOrRefusal(status: number, body: unknown): BackendError;
function fieldErrorsOrRefusal(status: number, body: unknown, always: false): BackendError | undefined;
function fieldErrorsOrRefusal(status: number, body: unknown, always = true): BackendError | undefined {
  const fields = fieldErrors(body);
  if (fields) return new BackendError('validation', { status, code: 'invalid', fields });
  return always ? new BackendError('http', { status, code: 'refused' }) : undefined;
}

/**
 * Sends stories to any form backend (Formspree, Netlify, Basin, a PHP script):
 * JSON, or multipart when there is a photo, always asking for JSON back. A 2xx
 * that is not JSON (a form service's captcha or "thanks" page) fails with
 * `parse`: the form must never say "sent" when no one confirmed it.
 */
export class EndpointBackend extends PartialBackend {
  readonly label: string;

  constructor(readonly url: string) {
    super();
    this.label = url;
  }

  override async submitStory(story: StorySubmission, options: CallOptions = {}): Promise<StoryReceipt> {
    const response = await request<unknown>(this.url, {
      method: 'POST',
      ...storyPayload(story),
      headers: { Accept: 'application/json' },
      signal: options.signal,
      // No Idempotency-Key header: a form service's CORS preflight would refuse an unknown
      // header and no story would ever arrive. Without it a POST is not retried here; the
      // form's send controller decides (and shows) when to try again.
      retries: 0,
      onProgress: options.onProgress,
      mapError: (status, body) => (status === 400 || status === 422 ? fieldErrorsOrRefusal(status, body, false) : undefined),
    });
    if (!response.body || typeof response.body !== 'object') {
      throw new BackendError('parse', { status: response.status, code: 'not_json' });
    }
    // Some services answer 200 and say in the body that they kept nothing.
    const said = response.body as { ok?: unknown; success?: unknown; error?: unknown; errors?: unknown };
    if (said.ok === false || said.success === false || said.error || (Array.isArray(said.errors) && said.errors.length)) {
      throw fieldErrorsOrRefusal(response.status, response.body);
    }
    const id = (response.body as { id?: unknown }).id;
    return {
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : '',
      status: 'sent',
      receivedAt: new Date().toISOString(),
    };
  }
}

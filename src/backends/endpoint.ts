import { BackendError, PartialBackend, type CallOptions } from './backend.js';
import { request } from './http.js';
import type { StoryReceipt, StorySubmission } from './types.js';

/** The fields of a story as a form service receives them: plain names, snake_case like the Kabar API. */
export function storyFields(story: StorySubmission): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    name: story.name,
    email: story.email,
    community: story.community,
    title: story.title,
    body: story.body,
    category: story.category,
    original_url: story.originalUrl,
    photo_alt: story.photo ? story.photoAlt : undefined,
    consent: story.consent ? 'true' : undefined,
    website: story.website,
    elapsed_ms: story.elapsedMs === undefined ? undefined : String(Math.round(story.elapsedMs)),
  };
  const present: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') present[name] = value;
  // An empty honeypot is still sent, so a service that checks for the field finds it.
  present.website = story.website ?? '';
  return present;
}

/** Maps the usual error shapes of form services (Kabar's `{error: {fields}}`, `{errors: [{field, code}]}`) to field codes. */
function fieldErrors(body: unknown): Record<string, string> | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const record = body as { error?: { fields?: unknown }; errors?: unknown };
  const fields: Record<string, string> = {};
  if (record.error?.fields && typeof record.error.fields === 'object') {
    for (const [name, code] of Object.entries(record.error.fields as Record<string, unknown>))
      if (typeof code === 'string') fields[camel(name)] = code;
  }
  if (Array.isArray(record.errors)) {
    for (const item of record.errors as Array<{ field?: unknown; code?: unknown }>)
      if (typeof item?.field === 'string') fields[camel(item.field)] = typeof item.code === 'string' ? item.code : 'invalid';
  }
  return Object.keys(fields).length ? fields : undefined;
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

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
    const fields = storyFields(story);
    let payload: { json: unknown } | { body: FormData };
    if (story.photo) {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('photo', story.photo, story.photo instanceof File ? story.photo.name : 'photo');
      payload = { body: form };
    } else {
      payload = { json: fields };
    }
    const response = await request<unknown>(this.url, {
      method: 'POST',
      ...payload,
      headers: { Accept: 'application/json' },
      signal: options.signal,
      // No Idempotency-Key header: a form service's CORS preflight would refuse an unknown
      // header and no story would ever arrive. Without it a POST is not retried here; the
      // form's send controller decides (and shows) when to try again.
      retries: 0,
      onProgress: options.onProgress,
      mapError: (status, body) => {
        const fields = status === 400 || status === 422 ? fieldErrors(body) : undefined;
        return fields ? new BackendError('validation', { status, code: 'invalid', fields }) : undefined;
      },
    });
    if (!response.body || typeof response.body !== 'object') {
      throw new BackendError('parse', { status: response.status, code: 'not_json' });
    }
    const id = (response.body as { id?: unknown }).id;
    return {
      id: typeof id === 'string' || typeof id === 'number' ? String(id) : '',
      status: 'sent',
      receivedAt: new Date().toISOString(),
    };
  }
}

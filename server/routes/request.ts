/**
 * Reading a request the same way on every route: query numbers and paging,
 * JSON bodies, body-size limits, Idempotency-Key claims, and sending what the
 * store answered.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FieldErrors } from '../../src/core/rules/rules.js';
import { bodyWasTooLarge } from '../connections.js';
import { fail } from '../http.js';
import { nestedTooDeep, requestHash } from '../limits.js';
import type { Answer, Claim, Once } from '../store/types.js';

/** The longest thread name a path or a count request may carry. */
export const MAX_THREAD_LENGTH = 500;

/** Model names (camelCase) to wire names (snake_case) for per-field error codes. */
const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const wireFields = (errors: FieldErrors): Record<string, string> =>
  Object.fromEntries(Object.entries(errors).map(([field, code]) => [snake(field), code as string]));

export const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const trimmed = (value: unknown): string | undefined => text(value)?.trim() || undefined;
/** A text body as the rules see it: one kind of line break, no outer blank space. */
export const bodyText = (value: unknown): string => text(value)?.replace(/\r\n?/g, '\n').trim() ?? '';

/** `true` from JSON, or what a checkbox sends in a plain form. */
export const truthy = (value: unknown): boolean =>
  value === true || (typeof value === 'string' && /^(true|on|1|yes|ya)$/i.test(value.trim()));

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response };

function positiveInt(c: Context, name: string, fallback: number, max: number): Parsed<number> {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return { ok: true, value: fallback };
  if (!/^\d{1,6}$/.test(raw) || Number(raw) < 1) {
    return { ok: false, response: fail(c, 400, 'invalid_query', `${name} must be a whole number of at least 1.`, { [name]: 'invalid' }) };
  }
  // Asking for more than the maximum is answered with the maximum; `per_page` in the answer says so.
  return { ok: true, value: Math.min(Number(raw), max) };
}

export function paging(c: Context, defaultPerPage: number, maxPerPage: number): Parsed<{ page: number; perPage: number }> {
  const page = positiveInt(c, 'page', 1, 100_000);
  if (!page.ok) return page;
  const perPage = positiveInt(c, 'per_page', defaultPerPage, maxPerPage);
  if (!perPage.ok) return perPage;
  return { ok: true, value: { page: page.value, perPage: perPage.value } };
}

export async function readJson(c: Context): Promise<Parsed<Record<string, unknown>>> {
  const type = c.req.header('Content-Type') ?? '';
  if (!/^application\/json\b/i.test(type)) {
    return { ok: false, response: fail(c, 415, 'unsupported_media_type', 'Send JSON (Content-Type: application/json).') };
  }
  let value: unknown;
  try {
    value = JSON.parse(await c.req.text());
  } catch {
    return { ok: false, response: fail(c, 400, 'invalid_json', 'The body is not valid JSON.') };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, response: fail(c, 400, 'invalid_json', 'The body must be a JSON object.') };
  }
  if (nestedTooDeep(value)) return { ok: false, response: fail(c, 400, 'invalid_json', 'The body nests too deeply.') };
  return { ok: true, value: value as Record<string, unknown> };
}

/** What an `Idempotency-Key` may be: 1 to 255 visible ASCII characters. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

export function idempotencyClaim(c: Context, scope: string, asked: unknown): Parsed<Claim | undefined> {
  const key = c.req.header('Idempotency-Key');
  if (key === undefined) return { ok: true, value: undefined };
  if (!IDEMPOTENCY_KEY.test(key)) {
    return {
      ok: false,
      response: fail(c, 400, 'invalid_query', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', { 'idempotency-key': 'invalid' }),
    };
  }
  return { ok: true, value: { scope, key, requestHash: requestHash(asked) } };
}

/** Sends an answer from the store: fresh, replayed (marked so) or refused for a reused key. */
export function send(c: Context, once: Once): Response {
  if (once.kind === 'reused') {
    return fail(c, 422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.');
  }
  if (once.kind === 'replayed') c.header('Idempotent-Replayed', 'true');
  if (once.answer.retryAfter !== undefined) c.header('Retry-After', String(once.answer.retryAfter));
  return c.json(once.answer.body as object, once.answer.status as ContentfulStatusCode);
}

export const answer = (status: number, body: unknown): Answer => ({ status, body });

/** A thread name too long to be one, refused before anything else is read. */
export function threadTooLong(c: Context, thread: string): Response | undefined {
  return thread.length > MAX_THREAD_LENGTH ? fail(c, 400, 'invalid_query', 'The thread name is too long.', { thread: 'too_long' }) : undefined;
}

const tooLarge = (c: Context) => fail(c, 413, 'payload_too_large', 'The request body is too large.');

/** Refuses a body over `maxSize` with a 413. */
export function sizeLimit(maxSize: number): MiddlewareHandler {
  const check = bodyLimit({ maxSize, onError: tooLarge });
  // The server found an over-limit body before the app ran (and throws it away); in process, hono checks.
  return (c, next) => (bodyWasTooLarge((c.env as { incoming?: unknown } | undefined)?.incoming) ? Promise.resolve(tooLarge(c)) : check(c, next));
}

import { CORS_REFUSED, REDIRECTED, type BackendError } from '../../backends/backend.js';
import type { I18nController } from './controller.js';

/**
 * A failure in the reader's language, by its kind and status, never in the
 * server's own words. `special` lets an element word one case its own way
 * (the story form says a non-JSON 2xx was not confirmed) and falls back here.
 */
export function describeError(
  i18n: Pick<I18nController, 't'>,
  error: BackendError,
  special?: (error: BackendError) => string | undefined,
): string {
  const own = special?.(error);
  if (own) return own;
  switch (error.kind) {
    case 'network':
      // The API server refused this page's origin: the site's configuration, not the reader's connection.
      if (error.code === CORS_REFUSED) return i18n.t('error.cors');
      return typeof navigator !== 'undefined' && navigator.onLine === false ? i18n.t('error.offline') : i18n.t('error.network');
    case 'timeout':
      return i18n.t('error.timeout');
    case 'parse':
      return i18n.t('error.parse');
    case 'validation':
      return i18n.t('error.validation');
    case 'rate-limited':
      return error.retryAfter ? i18n.t('error.rateLimitedFor', { seconds: Math.ceil(error.retryAfter) }) : i18n.t('error.rateLimited');
    case 'unsupported':
      return i18n.t('error.unsupported');
    case 'aborted':
      return i18n.t('error.aborted');
    case 'http':
      if (error.code === REDIRECTED) return i18n.t('error.redirected');
      if (error.status === 404 || error.status === 410) return i18n.t('error.notFound');
      if (error.status === 401 || error.status === 403) return i18n.t('error.forbidden');
      if (error.status === 409) return i18n.t('error.duplicate');
      if (error.status === 413) return i18n.t('error.tooLarge');
      return i18n.t('error.http');
  }
}

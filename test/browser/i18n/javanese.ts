import type { LocaleMessages } from '../../../src/core/i18n/locales.js';

/** The README's partial Javanese catalogue of the comment form (krama, as a public form speaks). */
export const javanese: LocaleMessages = {
  'commentForm.heading': 'Tilaraken Wangsulan',
  'commentForm.emailNote': 'Alamat email panjenengan mboten badhe dipunpacak.',
  'common.requiredNote': 'Kolom ingkang mawi tandha * kedah dipunisi.',
  'commentForm.name': 'Asma',
  'commentForm.cancelReply': 'Batal mangsuli',
  'commentForm.submit': 'Kintun Komentar',
};

import type { Backend } from '../../backends/backend.js';
import type { Term } from '../../backends/types.js';
import type { StoryField } from '../../core/rules/rules.js';

/** What the draft keeps: every text field and choice, never the photo. */
export interface StoryDraft {
  name: string;
  email: string;
  community: string;
  title: string;
  body: string;
  category: string;
  publishedElsewhere: '' | 'yes' | 'no';
  originalUrl: string;
  photoAlt: string;
  consent: boolean;
}

export const emptyDraft = (): StoryDraft => ({
  name: '',
  email: '',
  community: '',
  title: '',
  body: '',
  category: '',
  publishedElsewhere: '',
  originalUrl: '',
  photoAlt: '',
  consent: false,
});

export const isEmptyDraft = (draft: Partial<StoryDraft>) =>
  !Object.values(draft).some((value) => (typeof value === 'string' ? value.trim() !== '' : value === true));

/** Fields in the order they appear, which is also the order of the error summary. */
export const FIELD_ORDER: readonly StoryField[] = [
  'name',
  'email',
  'community',
  'title',
  'body',
  'category',
  'originalUrl',
  'photo',
  'photoAlt',
  'consent',
];

/** The catalogue key of each field's label, as the error summary names it. */
export const FIELD_LABELS = {
  name: 'story.name',
  email: 'story.email',
  community: 'story.community',
  title: 'story.title',
  body: 'story.body',
  category: 'story.category',
  originalUrl: 'story.originalUrl',
  photo: 'story.photo',
  photoAlt: 'story.photoAlt',
  consent: 'story.consentShort',
} as const satisfies Record<StoryField, string>;

/** `slug:Name,slug:Name` from the `categories` attribute. */
export function parseCategories(value: string): Term[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const colon = entry.indexOf(':');
      const slug = (colon < 0 ? entry : entry.slice(0, colon)).trim();
      const name = (colon < 0 ? entry : entry.slice(colon + 1)).trim() || slug;
      return { id: slug, slug, name };
    });
}

/** The categories to offer: the attribute's, else the backend's; none (the field hides) when there are none to get. */
export async function loadCategories(attribute: string, backend: Backend | undefined, signal: AbortSignal): Promise<Term[]> {
  if (attribute.trim()) return parseCategories(attribute);
  if (!backend) return [];
  try {
    return await backend.listCategories({ signal });
  } catch (error) {
    // Cut short by a disconnect: not an answer, so nothing to keep.
    if (signal.aborted) throw error;
    // An endpoint or e-mail source has none, and a failed request simply hides the field.
    return [];
  }
}

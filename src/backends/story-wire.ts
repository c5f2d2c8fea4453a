import type { RequestOptions } from './http.js';
import type { StorySubmission } from './types.js';

/**
 * A story as it goes on the wire, for the Kabar API and for form services
 * alike: snake_case names, empty fields left out, and the honeypot always
 * present (empty) so a service that checks for the field finds it.
 */
export function storyWireFields(story: StorySubmission): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean | undefined> = {
    name: story.name,
    email: story.email,
    community: story.community,
    title: story.title,
    body: story.body,
    category: story.category,
    original_url: story.originalUrl,
    photo_alt: story.photo ? story.photoAlt : undefined,
    consent: story.consent,
    elapsed_ms: story.elapsedMs === undefined ? undefined : Math.round(story.elapsedMs),
    notify: story.notify ? true : undefined,
  };
  const present: Record<string, string | number | boolean> = {};
  for (const [name, value] of Object.entries(fields)) if (value !== undefined && value !== '') present[name] = value;
  present.website = story.website ?? '';
  return present;
}

/** JSON, or multipart with the `photo` file when there is one. */
export function storyPayload(story: StorySubmission): Pick<RequestOptions, 'json' | 'body'> {
  const fields = storyWireFields(story);
  if (!story.photo) return { json: fields };
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  form.append('photo', story.photo, story.photo instanceof File ? story.photo.name : 'photo');
  return { body: form };
}

/** `original_url` -> `originalUrl`: server field names to the model's. */
export function snakeToCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

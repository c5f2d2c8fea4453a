import type { StorySubmission } from '../backends/types.js';

/**
 * The story as plain text, for an e-mail or for the writer to copy. The labels
 * are in both languages because its reader is the editor, whose language the
 * writer's page does not tell us.
 */
export function storyAsText(story: StorySubmission): string {
  const lines = [story.body.trim(), '', '--', `Nama / Name: ${story.name}`, `Email: ${story.email}`];
  if (story.community) lines.push(`Komunitas / Community: ${story.community}`);
  if (story.category) lines.push(`Kategori / Category: ${story.category}`);
  if (story.originalUrl) lines.push(`Tautan asli / Original link: ${story.originalUrl}`);
  return lines.join('\n');
}

/**
 * First start with the demo on: fills an empty database with the demo content
 * of seed-content.ts, with a small SVG illustration drawn here for each article.
 */
import type { Config } from './config.js';
import { solidPng } from './images/solid-png.js';
import { excerptOf } from './publish.js';
import { CATEGORIES, SEED_ARTICLES, SEED_PENDING_COMMENTS, SEED_PENDING_STORIES, type SeedComment } from './seed-content.js';
import type { Store } from './store/types.js';
import { DEFAULT_TIME_ZONE, startOfDay } from './time.js';
import { holdPhoto, saveUpload, uploadsFrom, type Uploads } from './uploads/index.js';
import { articlePath } from './wire.js';

const WIDTH = 640;
const HEIGHT = 360;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const PALETTES: Record<string, [string, string, string, string]> = {
  komunitas: ['#fde8c8', '#e07a2f', '#8c3b12', '#f4b860'],
  lingkungan: ['#d8f0f6', '#3f8f4f', '#1f5a2e', '#f2c94c'],
  pendidikan: ['#eef0fb', '#3b5bab', '#23376b', '#e8a33d'],
  kesehatan: ['#fdecef', '#c8384f', '#7a1f2e', '#5fb49c'],
  perempuan: ['#f6e9f7', '#9b4fa5', '#5c2a63', '#f08a5d'],
  'ekonomi-warga': ['#f1f4e4', '#7d8f2a', '#4a5518', '#d9663b'],
};

/** A deterministic number in [0, 1) from a seed, so each drawing differs a little but never changes. */
const wobble = (seed: number, salt: number): number => {
  const x = Math.sin(seed * 12.9898 + salt * 78.233) * 43758.5453;
  return x - Math.floor(x);
};

/** Simple shapes per category: people, hills and trees, a book, a cross and a heart, a market stall. */
export function illustration(category: string, seed: number): string {
  const [sky, main, dark, accent] = PALETTES[category] ?? PALETTES.komunitas;
  const w = (salt: number, min: number, max: number) => Math.round(min + wobble(seed, salt) * (max - min));
  const shapes: string[] = [];
  switch (category) {
    case 'lingkungan': {
      shapes.push(`<circle cx="${w(1, 460, 580)}" cy="${w(2, 60, 110)}" r="38" fill="${accent}"/>`);
      shapes.push(`<path d="M0 ${w(3, 230, 270)} Q160 ${w(4, 150, 200)} 320 ${w(5, 230, 260)} T640 ${w(6, 210, 250)} V360 H0 Z" fill="${main}"/>`);
      for (let i = 0; i < 5; i++) {
        const x = 60 + i * 120 + w(10 + i, -20, 20);
        const y = w(20 + i, 240, 280);
        shapes.push(`<rect x="${x - 6}" y="${y}" width="12" height="40" fill="${dark}"/>`);
        shapes.push(`<polygon points="${x},${y - 70} ${x - 34},${y + 4} ${x + 34},${y + 4}" fill="${dark}" opacity="0.85"/>`);
      }
      break;
    }
    case 'pendidikan': {
      shapes.push(`<rect x="70" y="50" width="500" height="170" rx="10" fill="${dark}"/>`);
      shapes.push(`<path d="M110 110 h${w(1, 120, 220)} M110 150 h${w(2, 160, 300)} M110 190 h${w(3, 80, 200)}" stroke="${sky}" stroke-width="8" stroke-linecap="round"/>`);
      shapes.push(`<path d="M190 260 L320 240 L450 260 L450 340 L320 320 L190 340 Z" fill="${main}"/>`);
      shapes.push(`<path d="M320 240 V320" stroke="${sky}" stroke-width="4"/>`);
      shapes.push(`<rect x="${w(4, 470, 520)}" y="236" width="90" height="14" rx="4" fill="${accent}" transform="rotate(-20 520 243)"/>`);
      break;
    }
    case 'kesehatan': {
      shapes.push(`<circle cx="220" cy="180" r="110" fill="${main}"/>`);
      shapes.push(`<path d="M200 110 h40 v50 h50 v40 h-50 v50 h-40 v-50 h-50 v-40 h50 Z" fill="${sky}"/>`);
      const x = w(1, 400, 460);
      shapes.push(`<path d="M${x + 60} 290 C${x - 40} 220 ${x - 10} 130 ${x + 60} 170 C${x + 130} 130 ${x + 160} 220 ${x + 60} 290 Z" fill="${accent}"/>`);
      break;
    }
    case 'ekonomi-warga': {
      shapes.push(`<rect x="80" y="150" width="480" height="170" fill="${main}"/>`);
      for (let i = 0; i < 6; i++) {
        shapes.push(`<path d="M${80 + i * 80} 150 h80 l-12 -50 h-56 Z" fill="${i % 2 ? accent : sky}" stroke="${dark}" stroke-width="3"/>`);
      }
      for (let i = 0; i < 4; i++) {
        shapes.push(`<circle cx="${140 + i * 120}" cy="${w(i, 230, 260)}" r="${w(i + 5, 18, 30)}" fill="${i % 2 ? accent : dark}"/>`);
      }
      break;
    }
    default: {
      // komunitas, perempuan: a row of people of different heights
      const count = category === 'perempuan' ? 3 : 5;
      for (let i = 0; i < count; i++) {
        const x = (WIDTH / (count + 1)) * (i + 1);
        const h = w(i, 0, 40);
        const fill = i % 2 ? main : dark;
        shapes.push(`<circle cx="${x}" cy="${150 + h}" r="30" fill="${fill}"/>`);
        if (category === 'perempuan') shapes.push(`<path d="M${x - 34} ${160 + h} Q${x} ${100 + h} ${x + 34} ${160 + h} L${x + 40} ${200 + h} H${x - 40} Z" fill="${accent}"/>`);
        shapes.push(`<rect x="${x - 40}" y="${190 + h}" width="80" height="${170 - h}" rx="36" fill="${fill}"/>`);
      }
      if (category === 'perempuan') shapes.push(`<circle cx="${w(9, 540, 600)}" cy="70" r="22" fill="${accent}"/>`);
      break;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}"><rect width="${WIDTH}" height="${HEIGHT}" fill="${sky}"/>${shapes.join('')}</svg>\n`;
}

/** The start-up seed: demo content on an empty database when `KABAR_DEMO` is on, nothing when off. */
export async function seedDemo(store: Store, config: Pick<Config, 'demo' | 'uploads' | 'timeZone'>): Promise<boolean> {
  return config.demo && seedIfEmpty(store, uploadsFrom(config.uploads), Date.now(), config.timeZone);
}

/**
 * Writes the demo content into an empty store. Answers whether it did. Photos
 * of published articles are public at once; those of stories waiting for
 * review are held privately, like any sender's photo.
 */
export async function seedIfEmpty(store: Store, uploads: Uploads, now = Date.now(), timeZone = DEFAULT_TIME_ZONE): Promise<boolean> {
  if (!(await store.isEmpty())) return false;
  // Asked again under the write lock: another server on the same file may have seeded meanwhile.
  return store.batch(async () => {
    if (!(await store.isEmpty())) return false;
    await seed(store, uploads, now, timeZone);
    return true;
  });
}

async function seed(store: Store, uploads: Uploads, now: number, timeZone: string): Promise<void> {
  for (const category of CATEGORIES) await store.addCategory(category);

  // Publish times fall in the morning or afternoon of the server's zone, some days apart.
  const today = startOfDay(now, timeZone);
  for (const [index, article] of SEED_ARTICLES.entries()) {
    const svg = illustration(article.category, index + 1);
    const media = await saveUpload(uploads, Buffer.from(svg), 'image/svg+xml', { width: WIDTH, height: HEIGHT });
    await store.addMedia(media);
    const publishedAt = Math.min(now - HOUR, today - article.daysAgo * DAY + (8 + (index % 8)) * HOUR + ((index * 17) % 60) * 60_000);
    const slug = article.slug;
    const thread = articlePath(slug);
    await store.addArticle({
      slug,
      thread,
      title: article.title,
      excerpt: excerptOf(article.body),
      body: article.body,
      publishedAt,
      authorName: article.author,
      imageFile: media.file,
      imageAlt: article.alt,
      categories: [article.category],
      tags: article.tags.map((name) => ({ slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name })),
    });
    // Replies come after their parent, a few hours apart, never in the future.
    let at = publishedAt + 2 * HOUR;
    const addThread = async (comments: SeedComment[] | undefined, parentId: string | null): Promise<void> => {
      for (const comment of comments ?? []) {
        at = Math.min(at + 3 * HOUR + (comment.body.length % 7) * 600_000, now - 60_000);
        const created = await store.once(undefined, async (tx) => {
          const result = await tx.createComment({
            thread,
            parentId,
            authorName: comment.name,
            authorEmail: `${comment.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`,
            authorUrl: comment.url,
            body: comment.body,
            createdAt: at,
            status: 'approved',
          });
          return { status: result.ok ? 201 : 409, body: result.ok ? result.comment.id : null };
        });
        if (created.kind !== 'fresh' || created.answer.status !== 201) throw new Error(`seed comment refused on ${slug}`);
        await addThread(comment.replies, created.answer.body as string);
      }
    };
    await addThread(article.comments, null);
  }

  for (const [index, { photo, ...story }] of SEED_PENDING_STORIES.entries()) {
    const media = photo ? await holdPhoto(uploads, solidPng(480, 320, photo.color), 'image/png', { width: 480, height: 320 }) : undefined;
    if (media) await store.addMedia(media);
    await store.once(undefined, async (tx) => {
      await tx.createStory({ ...story, photoFile: media?.file, photoAlt: photo?.alt, receivedAt: now - (index + 1) * 5 * HOUR });
      return { status: 201, body: null };
    });
  }
  for (const pending of SEED_PENDING_COMMENTS) {
    const article = SEED_ARTICLES.find((a) => a.slug === pending.slug)!;
    await store.once(undefined, async (tx) => {
      await tx.createComment({
        thread: articlePath(article.slug),
        parentId: null,
        authorName: pending.name,
        authorEmail: `${pending.name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.org`,
        body: pending.body,
        createdAt: now - 2 * HOUR,
      });
      return { status: 201, body: null };
    });
  }
}

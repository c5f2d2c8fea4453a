/**
 * What the site calls itself (`KABAR_SITE_NAME`, `KABAR_SITE_DESCRIPTION`,
 * `KABAR_SITE_LOGO`, `KABAR_SITE_LANGUAGE`), used by the article pages, the
 * feeds, the sitemap and the demo pages; and how partners' feeds are fetched
 * (`KABAR_SOURCES_PRIVATE`: whether loopback and private addresses may be).
 */
import { switchFrom } from './operations-config.js';

export interface SiteSettings {
  name: string;
  description: string;
  /** An absolute URL or a path on this server. */
  logo?: string;
  /** `id` or `en`: the pages' `lang`, the feeds' language. */
  language: 'id' | 'en';
  /** OpenGraph's form of it: `id_ID` or `en_US`. */
  locale: 'id_ID' | 'en_US';
}

export interface SiteConfig {
  site: SiteSettings;
  /** Partners' feeds may be on loopback or private addresses (off in production: an editor's URL must not reach inside). */
  sourcesAllowPrivate: boolean;
}

export function siteFrom(env: NodeJS.ProcessEnv, production: boolean): SiteConfig {
  const language = (env.KABAR_SITE_LANGUAGE?.trim().toLowerCase() || 'id') as SiteSettings['language'];
  if (language !== 'id' && language !== 'en') throw new Error(`KABAR_SITE_LANGUAGE must be id or en, got "${env.KABAR_SITE_LANGUAGE}"`);
  const logo = env.KABAR_SITE_LOGO?.trim() || undefined;
  if (logo && !/^(https?:\/\/|\/(?!\/))/i.test(logo)) throw new Error(`KABAR_SITE_LOGO must be an http(s) URL or a path starting with /, got "${logo}"`);
  return {
    site: {
      name: env.KABAR_SITE_NAME?.trim() || 'Kabar',
      description: env.KABAR_SITE_DESCRIPTION?.trim() || (language === 'id' ? 'Berita komunitas' : 'Community news'),
      ...(logo ? { logo } : {}),
      language,
      locale: language === 'id' ? 'id_ID' : 'en_US',
    },
    sourcesAllowPrivate: switchFrom(env, 'KABAR_SOURCES_PRIVATE', !production),
  };
}

import { KabarLoadEvent, isBackendError, type Article } from 'kabar';
import 'kabar/feed';

const backend = new URLSearchParams(location.search).get('backend') ?? 'https://berita.contoh.id/api/v1';
const feed = document.querySelector('kabar-article-feed'); // KabarArticleFeed | null
const status = document.querySelector<HTMLParagraphElement>('#status');

function titles(items: readonly Article[]): string {
  return items.map((article) => article.title).join(' · ');
}

if (feed && status) {
  feed.addEventListener('kabar-load', (event) => {
    if (event instanceof KabarLoadEvent && event.detail.kind === 'articles') {
      status.textContent = `kabar-load: ${event.detail.items.length} articles`;
      status.title = titles(event.detail.items);
    }
  });
  feed.addEventListener('kabar-error', (event) => {
    if (isBackendError(event.detail)) status.textContent = `kabar-error: ${event.detail.kind}`;
  });
  feed.backend = backend;
}

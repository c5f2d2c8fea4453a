// @ts-check

const backend = new URLSearchParams(location.search).get('backend') ?? 'https://berita.contoh.id/api/v1';
const feed = document.querySelector('kabar-article-feed');
const report = document.querySelector('#status');

if (feed && report) {
  // `kabar-load` is in HTMLElementEventMap: `event` is a KabarLoadEvent.
  feed.addEventListener('kabar-load', (event) => {
    if (event.detail.kind === 'articles') report.textContent = `kabar-load: ${event.detail.items.length} articles`;
  });
  feed.backend = backend;
}

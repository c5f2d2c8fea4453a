import { useState } from 'react';
import type { Article } from 'kabar';
// Components made with @lit/react: React 18 hands objects to the elements as properties and
// attaches the onKabar… handlers to their events.
import { ArticleCard, ArticleFeed } from 'kabar/react';

const backend = new URLSearchParams(location.search).get('backend') ?? 'https://berita.contoh.id/api/v1';

export function App() {
  const [status, setStatus] = useState('');
  const [featured, setFeatured] = useState<Article>();
  return (
    <main>
      <h1>Berita warga</h1>
      {featured && <ArticleCard id="featured" article={featured} variant="horizontal" />}
      <ArticleFeed
        backend={backend}
        perPage={4}
        onKabarLoad={(event) => {
          if (event.detail.kind !== 'articles') return;
          setStatus(`kabar-load: ${event.detail.items.length} articles`);
          setFeatured(event.detail.items[0]);
        }}
      />
      <p id="status" role="status">
        {status}
      </p>
    </main>
  );
}

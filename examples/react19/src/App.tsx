import { useState } from 'react';
import type { KabarLoadEvent } from 'kabar';
import 'kabar/feed';
// JSX.IntrinsicElements for every tag: its attributes, properties and on<event> handlers.
import type {} from 'kabar/jsx';

const backend = new URLSearchParams(location.search).get('backend') ?? 'https://berita.contoh.id/api/v1';

export function App() {
  const [status, setStatus] = useState('');
  // React 19 sets `backend` as a property, `per-page` as an attribute, and listens for `kabar-load`.
  const handleLoad = (event: KabarLoadEvent) => {
    if (event.detail.kind === 'articles') setStatus(`kabar-load: ${event.detail.items.length} articles`);
  };
  return (
    <main>
      <h1>Berita warga</h1>
      <kabar-article-feed backend={backend} per-page={4} layout="list" onkabar-load={handleLoad} />
      <p id="status" role="status">
        {status}
      </p>
    </main>
  );
}

// Points the feed at the site named in ?site= (the form above submits there),
// before the bundle defines the element, so the feed loads once, from that site.
const site = new URLSearchParams(location.search).get('site')?.trim();
if (site) {
  const feed = document.getElementById('wordpress-feed');
  const input = document.getElementById('site');
  // A bare host name ("contoh.id") means its https site.
  const address = /^(https?:)?\/\//i.test(site) || site.startsWith('/') ? site : `https://${site}`;
  feed?.setAttribute('backend', address);
  if (input) input.value = site;
  document.title = `${address} · Kabar`;
}

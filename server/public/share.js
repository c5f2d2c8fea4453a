// The copy-link button of an article page, shown only where the page may write the clipboard.
// Everything else there (the share links) is plain links that work without this.
const button = document.querySelector('button.share-copy');
const status = document.querySelector('.share-status');
if (button && status && navigator.clipboard) {
  button.hidden = false;
  button.addEventListener('click', async () => {
    status.textContent = '';
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      status.textContent = button.dataset.done;
    } catch {
      // Refused (no permission): the address bar still has the link.
    }
  });
}

// essay-embed iframe card: shows the card (or the article with ?mode=article) and tells the
// parent page its height, with WordPress's wp-embed protocol ({message: 'height', value,
// secret}, the secret from the URL fragment `#?secret=...`) and with a plain
// {type: 'essay-embed:height', height} message, on load and on every resize. Runs in a
// sandbox="allow-scripts" frame (no storage, an opaque origin) and under a strict CSP.
(() => {
  'use strict';
  const secret = (/[#&?]secret=([A-Za-z0-9]+)/.exec(location.hash) || [])[1];
  const inFrame = window.parent !== window;

  if (new URLSearchParams(location.search).get('mode') === 'article') {
    const template = document.getElementById('ee-article');
    const view = document.getElementById('ee-view');
    if (template && view) view.replaceChildren(template.content.cloneNode(true));
  }

  function post(data) {
    if (inFrame) window.parent.postMessage(data, '*');
  }

  let last = -1;
  function sendHeight(force) {
    const height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last && !force) return;
    last = height;
    if (secret) post({ message: 'height', value: height, secret });
    post({ type: 'essay-embed:height', height });
  }

  // WordPress's host script asks again with {message: 'ready'} once it is listening.
  window.addEventListener('message', (event) => {
    if (event.source === window.parent && event.data && event.data.message === 'ready') sendHeight(true);
  });

  // Under WordPress the frame may not navigate the top window itself: it asks the host
  // page to (the host follows links to the frame's own site).
  document.addEventListener('click', (event) => {
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!link || !secret || !inFrame) return;
    event.preventDefault();
    post({ message: 'link', value: link.href, secret });
  });

  if ('ResizeObserver' in window) new ResizeObserver(() => sendHeight(false)).observe(document.body);
  window.addEventListener('load', () => sendHeight(true));
  window.addEventListener('resize', () => sendHeight(false));
  sendHeight(true);
})();

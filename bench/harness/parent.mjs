// Runs in the parent page, bundled with one library's host pair: serves dispositionCall and,
// where the pair has one-way messages, counts them and tells the child when the last arrived.
export function runParent(pair, lib) {
  const q = new URLSearchParams(location.search);
  const childOrigin = q.get('child');
  const burst = Number(q.get('burst'));
  q.set('host', location.origin);
  const childUrl = `${childOrigin}/c/${lib}?${q}`;
  // A cross-origin frame is crossOriginIsolated (fine-grained performance.now()) only when its
  // <iframe> allows it; postmate creates its own iframe, so every library's gets the attribute here.
  const createElement = document.createElement.bind(document);
  document.createElement = (tag, options) => {
    const el = createElement(tag, options);
    if (String(tag).toLowerCase() === 'iframe') el.allow = 'cross-origin-isolated';
    return el;
  };
  const handle = pair.serve({ childUrl, childOrigin, handler: (d) => d.campaign });
  if (pair.listen) {
    let n = 0;
    pair.listen(handle, childOrigin, () => {
      if (++n === burst) document.querySelector('iframe').contentWindow.postMessage({ benchDone: burst }, childOrigin);
    });
  }
}

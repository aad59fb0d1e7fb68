// The app's URLs: it lives at `/webapp2/` or at a web app path (`/<slug>/`) of the management node, and
// the page's `<base href>` says which; a conference is `<base>conference/<alias>`.

/**
 * Where the app lives: `/webapp2/`, or the web app path (`/<slug>/`) the node served this page under
 * (the page's `<base href>`).
 */
export function appBase() {
  return new URL('.', document.baseURI).pathname;
}

/**
 * The app's URL of a conference.
 * @param {string} alias
 */
export function conferencePath(alias) {
  return `${appBase()}conference/${encodeURIComponent(alias)}`;
}

/**
 * The route: `/webapp2/` or `/webapp2/conference/<alias>`, with `?name=&pin=&role=&join=1`.
 */
export function readRoute() {
  const match = /\/conference\/([^/]+)\/?$/.exec(location.pathname);
  let alias = '';
  if (match) {
    try {
      alias = decodeURIComponent(match[1]);
    } catch {
      alias = match[1];
    }
  }
  const query = Object.fromEntries(new URLSearchParams(location.search));
  return { alias: alias || query.conference || '', query };
}

// Entry point of the Connect web app (`/webapp2/`, `/webapp2/conference/<alias>`).

import { App } from './app.js';

const root = document.getElementById('app');
if (root) {
  const app = new App(root);
  /** @type {any} */ (window).plugboardApp = app;
  app.start();
}

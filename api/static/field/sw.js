// The field app's service worker: keeps the app shell on the device so that the app
// opens with the network off. The server writes in the version and the list of files
// (api/pages/field_app.py); a new version replaces the old cache once installed.
// Data never goes through this cache: the app keeps the observer's data in IndexedDB,
// and API calls always go to the network.
const VERSION = "__VERSION__";
const SHELL = __SHELL__;
const CACHE = `eom-field-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith("eom-field-") && n !== CACHE).map((n) => caches.delete(n)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) return; // the app decides what to do offline
  if (event.request.mode === "navigate" && url.pathname.startsWith("/field")) {
    // The kept shell for every address of the app (it reads its own #route): opening
    // the app never waits for the network. A new version arrives with a new worker.
    event.respondWith(caches.match("/field/").then((hit) => hit || fetch(event.request)));
    return;
  }
  if (SHELL.includes(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit || fetch(event.request)));
  }
});

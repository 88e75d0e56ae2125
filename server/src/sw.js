// Apprenance service worker. Generated per build by the server (GET /sw.js): VERSION and
// PRECACHE come from the build's hashed file names, so a new release installs a new cache
// whole and deletes the old one; an old page never hydrates against new wasm.
const VERSION = "__VERSION__";
const PRECACHE = "__PRECACHE__";
const SHELL = `apprenance-shell-${VERSION}`;
const PAGES = `apprenance-pages-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== PAGES).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// A page the person opened, kept for offline reloads (the app asks after each navigation).
async function keepPage(url) {
  try {
    const res = await fetch(url, { credentials: "same-origin" });
    if (res.ok && !res.redirected) await (await caches.open(PAGES)).put(url, res);
  } catch (_) {
    // offline: the copy we have stays
  }
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep-page" && typeof data.url === "string") {
    const url = new URL(data.url, self.location.origin);
    if (url.origin === self.location.origin) event.waitUntil(keepPage(url.href));
  }
});

const OFFLINE_PAGE = `<!doctype html><html lang="fr"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Hors ligne · Apprenance</title>
<body style="font-family:system-ui;margin:2rem;line-height:1.5"><h1>Hors ligne</h1>
<p>Cette page n'a pas encore été ouverte sur cet appareil. <a href="/">Accueil</a></p>
<p lang="en">Offline: this page has not been opened on this device yet. <a href="/">Home</a></p></body></html>`;

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  // Data goes to the network; the app keeps its own copies and outbox.
  if (url.pathname.startsWith("/api/") || url.pathname === "/sw.js") return;

  if (req.mode === "navigate") {
    event.respondWith(
      fetch(req)
        .then((res) => {
          if (res.ok && !res.redirected) {
            const copy = res.clone();
            caches.open(PAGES).then((c) => c.put(req, copy));
          }
          return res;
        })
        .catch(async () => {
          const kept = await caches.match(req, { cacheName: PAGES });
          return kept || new Response(OFFLINE_PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
        }),
    );
    return;
  }

  event.respondWith(caches.match(req, { cacheName: SHELL }).then((hit) => hit || fetch(req)));
});

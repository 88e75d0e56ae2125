// Apprenance service worker. Generated per build by the server (GET /sw.js): VERSION and
// PRECACHE come from the build's hashed file names, so a new release installs a new cache
// whole and deletes every other (the foundation's page caches included).
//
// It keeps no page and no data of anyone: navigations go to the network, and when the network
// fails the worker answers with the offline shell, in which the app renders from the copies
// the signed-in person's device kept (per person, deleted at sign-out). A shared phone thus
// never shows one person's pages to the next, and no page is fetched twice to be kept.
const VERSION = "__VERSION__";
const PRECACHE = "__PRECACHE__";
const SHELL = `apprenance-shell-${VERSION}`;
const OFFLINE_SHELL = "__OFFLINE_SHELL__";
// Survives releases: remembers a sign-out made offline until the server has done it.
const STATE = "apprenance-state";
const PENDING_SIGN_OUT = "/__apprenance/pending-sign-out";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL && k !== STATE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

const LAST_RESORT = `<!doctype html><html lang="fr"><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Hors ligne · Apprenance</title>
<body><h1>Hors ligne</h1><p>Apprenance n'est pas encore installée sur cet appareil. <a href="/">Réessayer</a></p>
<p lang="en">Offline: Apprenance is not installed on this device yet. <a href="/">Try again</a></p></body></html>`;

async function offlineShell() {
  const shell = await caches.match(OFFLINE_SHELL, { cacheName: SHELL });
  return shell || new Response(LAST_RESORT, { headers: { "content-type": "text/html; charset=utf-8" } });
}

// Signing out without a network (or while the server fails) cannot end the session on the
// server: the device forgets the person at once (the app deleted their copies), and the worker
// ends the session before any later page or API request, the next person's sign-in included,
// so nobody gets the previous person's pages and nobody's new session is ended by it.
// Whether a sign-out is owed: null until read from the cache when the worker starts; API
// requests pass straight through once it is known that none is.
let owed = null;
caches
  .open(STATE)
  .then((c) => c.match(PENDING_SIGN_OUT))
  .then((hit) => {
    if (owed === null) owed = !!hit;
  })
  .catch(() => {});

async function endPendingSignOut() {
  const state = await caches.open(STATE);
  if (!(await state.match(PENDING_SIGN_OUT))) {
    owed = false;
    return;
  }
  const res = await fetch("/api/sign_out", { method: "POST", credentials: "same-origin", headers: { accept: "application/json" } });
  if (res.status < 500) {
    await state.delete(PENDING_SIGN_OUT);
    owed = false;
  }
}

async function signOut(req) {
  const pending = async () => {
    owed = true;
    await (await caches.open(STATE)).put(PENDING_SIGN_OUT, new Response("1"));
    return Response.redirect("/login", 303);
  };
  try {
    const res = await fetch(req);
    return res.status >= 500 ? pending() : res;
  } catch (_) {
    return pending();
  }
}

// The request, after any sign-out still owed to the server.
function afterSignOut(req) {
  return endPendingSignOut()
    .catch(() => {})
    .then(() => fetch(req));
}

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === "POST" && url.pathname === "/api/sign_out") {
    event.respondWith(signOut(req));
    return;
  }
  // Data goes to the network (the app keeps its own copies and outbox), once a sign-out owed
  // to the server is done.
  if (url.pathname.startsWith("/api/")) {
    if (owed !== false) event.respondWith(afterSignOut(req));
    return;
  }
  if (req.mode === "navigate") {
    event.respondWith(afterSignOut(req).catch(offlineShell));
    return;
  }
  if (req.method !== "GET" || url.pathname === "/sw.js") return;

  event.respondWith(caches.match(req, { cacheName: SHELL }).then((hit) => hit || fetch(req)));
});

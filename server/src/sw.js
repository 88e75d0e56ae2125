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

// A page that missed the claim above (see sw-register.js).
self.addEventListener("message", (event) => {
  if (event.data === "claim") event.waitUntil(self.clients.claim());
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
// owes the server that sign-out. Until it is done, no page or API request goes through (the
// next person's sign-in included), so nobody gets the previous person's pages, and the owed
// sign-out can never end someone else's session. Sign-outs run one at a time, each checked to
// be the app's own answer (a captive portal's 200 is not a sign-out).
const SIGNED_OUT = "serverfnredirect";
let owed = null; // null until read from the cache when the worker starts
let queue = Promise.resolve();
function serially(work) {
  const run = queue.then(work, work);
  queue = run.catch(() => {});
  return run;
}
serially(async () => {
  const hit = await (await caches.open(STATE)).match(PENDING_SIGN_OUT);
  if (owed === null) owed = !!hit;
});

// Ends the session on the server; true when the app itself said so.
async function signOutOnServer() {
  try {
    const res = await fetch("/api/sign_out", {
      method: "POST",
      credentials: "same-origin",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(10000),
    });
    return res.ok && res.headers.has(SIGNED_OUT);
  } catch (_) {
    return false;
  }
}

// Pays a sign-out owed to the server, if any; true when nothing is owed any more.
function payOwedSignOut() {
  return serially(async () => {
    const state = await caches.open(STATE);
    if (!(await state.match(PENDING_SIGN_OUT))) {
      owed = false;
      return true;
    }
    owed = true;
    if (!(await signOutOnServer())) return false;
    await state.delete(PENDING_SIGN_OUT);
    owed = false;
    return true;
  });
}

// The sign-out form: always done by the worker, remembered as owed when it fails.
function signOut() {
  return serially(async () => {
    if (!(await signOutOnServer())) {
      owed = true;
      await (await caches.open(STATE)).put(PENDING_SIGN_OUT, new Response("1"));
    }
    return Response.redirect("/login", 303);
  });
}

// While a sign-out is owed, API requests fail as if offline: the app then shows the sign-in page
// (nobody owns the device's copies any more) and keeps any write for later.
const UNREACHABLE = () => Response.error();

self.addEventListener("fetch", (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.method === "POST" && url.pathname === "/api/sign_out") {
    event.respondWith(signOut());
    return;
  }
  // Data goes to the network (the app keeps its own copies and outbox), once no sign-out is
  // owed to the server.
  if (url.pathname.startsWith("/api/")) {
    if (owed !== false) event.respondWith(payOwedSignOut().then((paid) => (paid ? fetch(req) : UNREACHABLE())));
    return;
  }
  if (req.mode === "navigate") {
    event.respondWith(
      payOwedSignOut()
        .then((paid) => (paid ? fetch(req) : offlineShell()))
        .catch(offlineShell),
    );
    return;
  }
  if (req.method !== "GET" || url.pathname === "/sw.js") return;

  event.respondWith(caches.match(req, { cacheName: SHELL }).then((hit) => hit || fetch(req)));
});

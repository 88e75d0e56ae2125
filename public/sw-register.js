// Registers the service worker (it precaches the app and answers offline navigations with the
// offline shell; see server/src/sw.js).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch((e) => console.warn("service worker", e));
}

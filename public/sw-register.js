// Registers the service worker, and lets the app ask it to keep a page for offline reloads
// (client-side navigations never reach the worker's fetch handler).
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch((e) => console.warn("service worker", e));
  window.apprenanceKeepPage = (url) => {
    const sw = navigator.serviceWorker.controller;
    if (sw) sw.postMessage({ type: "keep-page", url });
  };
}

// Registers the service worker (it precaches the app and answers offline navigations with the
// offline shell; see server/src/sw.js) once the app has started on this page: its precache then
// reads the files the page already downloaded from the HTTP cache, instead of fetching them a
// second time while the phone is still busy with the first paint. If the app could not start,
// it registers anyway: offline pages and sign-outs still need the worker.
if ("serviceWorker" in navigator) {
  const register = () => navigator.serviceWorker.register("/sw.js").catch((e) => console.warn("service worker", e));
  if (window.__apprenance_hydrated) register();
  else {
    window.addEventListener("apprenance:ready", register, { once: true });
    window.addEventListener("apprenance:failed", register, { once: true });
  }
}

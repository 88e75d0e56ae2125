// Registers the service worker (it precaches the app and answers offline navigations with the
// offline shell; see server/src/sw.js) once the app has started on this page: its precache then
// reads the files the page already downloaded from the HTTP cache, instead of fetching them a
// second time while the phone is still busy with the first paint. If the app could not start,
// it registers anyway: offline pages and sign-outs still need the worker.
if ("serviceWorker" in navigator) {
  const register = () => {
    navigator.serviceWorker.register("/sw.js").catch((e) => console.warn("service worker", e));
    // The worker claims the open pages when it activates, but a page whose document was being
    // created just then can miss it and stay uncontrolled until its next load: no offline for
    // what it opens. Such a page asks to be claimed.
    navigator.serviceWorker.ready.then((reg) => {
      if (!navigator.serviceWorker.controller && reg.active) reg.active.postMessage("claim");
    });
  };
  if (window.__apprenance_hydrated) register();
  else {
    window.addEventListener("apprenance:ready", register, { once: true });
    window.addEventListener("apprenance:failed", register, { once: true });
  }
}

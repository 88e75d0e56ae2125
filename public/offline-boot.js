// Starts the app in the offline shell (see server/src/assets.rs, offline_shell): it renders in
// the browser from the copies this device kept, instead of hydrating a page from the server.
const script = document.querySelector("script[data-js]");
const app = await import(script.dataset.js);
await app.default({ module_or_path: script.dataset.wasm });
app.mount();

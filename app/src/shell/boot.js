(js, wasm) => {
  const start = () => {
    // The module and the wasm download side by side; hydration is a task of its own.
    const module = fetch(wasm);
    import(js)
      .then((app) => app.default({ module_or_path: module }).then(() => app))
      .then((app) => setTimeout(() => app.hydrate(), 0))
      .catch((e) => {
        console.error("Apprenance could not start; the page works without it", e);
        window.dispatchEvent(new Event("apprenance:failed"));
      });
  };
  // After the first paint: when the browser is idle (at most 2 s), or where it cannot say
  // (Safari), in the task after the next frame.
  if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 2000 });
  else requestAnimationFrame(() => setTimeout(start, 0));
}

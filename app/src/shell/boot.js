(js, wasm) => {
  const start = () =>
    import(js)
      .then((app) => app.default({ module_or_path: wasm }).then(() => app))
      .then((app) => setTimeout(() => app.hydrate(), 0));
  if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 0);
}

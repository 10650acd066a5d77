// The pictures' worker (src/app/components/pictures.rs). The page sends it the address of its
// JavaScript glue and the WebAssembly module it has already compiled; this starts that same
// module here, whose start function, finding no window, answers every later message instead of
// mounting the app.
self.addEventListener(
  'message',
  async ({ data }) => {
    const glue = await import(data.glue);
    await glue.default({ module_or_path: data.module });
  },
  { once: true },
);

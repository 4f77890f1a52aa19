// Module load hook (registered by jest-setup.js): a .ts file, imported as an ES module by the test
// runner, is CommonJS to Node's loader, which compiles it with the require hook of ts-register.js.
export async function load(url, context, nextLoad) {
  if (/\.ts(\?.*)?$/.test(url)) return { format: 'commonjs', shortCircuit: true };
  return nextLoad(url, context);
}

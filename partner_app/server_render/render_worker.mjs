// Renders pages with React Router's server build for partner_app/server_render/renderer.py.
// Protocol: one JSON request per line on stdin ({url, state}), one JSON answer per line
// on stdout ({status, html} or {error}). One request at a time: the page's state is
// swapped into the module-level initialState before each render. Ends with its stdin,
// so it never outlives the backend worker that started it.
import { pathToFileURL } from "node:url";

// stdout carries the answers only: whatever the page logs goes to the worker's log.
console.log = console.info = console.debug = console.error;

const [buildPath, stateGlobal] = process.argv.slice(2);
// React Router from the frontend's own packages (the worker is started in .web), the
// copy the server build imports.
const { createRequestHandler } = await import(Bun.resolveSync("react-router", process.cwd()));
const build = await import(pathToFileURL(buildPath).href);
// The build renders only the paths Reflex prerendered (ssr: false) and answers an empty
// SPA shell for the rest (every /nachrichten/<slug>); the path of each request is made
// one of them, so detail pages render in full too.
const renderedPaths = [];
const handle = createRequestHandler({ ...build, prerender: renderedPaths }, "production");
const slot = globalThis[stateGlobal];
if (!slot) {
  throw new Error(`The server build does not expose ${stateGlobal}: was the plugin applied?`);
}

function applyState(state) {
  for (const name of Object.keys(slot.live)) {
    slot.live[name] = { ...slot.compiled[name], ...(state[name] ?? {}) };
  }
}

async function render({ url, state }) {
  applyState(state);
  renderedPaths.splice(0, renderedPaths.length, decodeURI(new URL(url).pathname));
  // A crawler's user agent makes the entry wait for the whole page, not just the shell.
  const response = await handle(new Request(url, { headers: { "user-agent": "partner-app-render-bot" } }));
  return { status: response.status, html: await response.text() };
}

const write = (answer) => process.stdout.write(JSON.stringify(answer) + "\n");
write({ ready: true });
for await (const line of console) {
  if (!line) continue;
  try {
    write(await render(JSON.parse(line)));
  } catch (error) {
    write({ error: String(error?.stack ?? error) });
  } finally {
    applyState({});
  }
}
process.exit(0);

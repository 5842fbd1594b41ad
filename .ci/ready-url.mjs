// What the CI scripts that spawn an app share: collect its stdout lines, and wait for the
// "ready on http://..." line (its URL) or for the process to exit first (then `onEarlyExit`).
export function watchReady(child, { onEarlyExit }) {
  const lines = [];
  let rest = '';
  let ready;
  const readyUrl = new Promise((resolve) => (ready = resolve));
  child.stdout.on('data', (chunk) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop();
    for (const line of parts) {
      lines.push(line);
      const match = /ready on (http:\/\/[^"\s]+)/.exec(line);
      if (match) ready(match[1]);
    }
  });
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  let isReady = false;
  const url = Promise.race([readyUrl.then((found) => ((isReady = true), found)), exited.then(() => isReady || onEarlyExit())]);
  return { lines, url, exited };
}

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { TimingsFile } from '../../src/cli/timings-file';
import { generateGraphApp } from '../integration/cli/fixtures/generate-graph';

const ROOT = join(__dirname, '..', '..');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Runs a compiled app with KEEL_TIMELINE until it has stopped (SIGTERM once `ready` is logged, if given). */
function runWithTimeline(script: string, timeline: string, ready?: RegExp): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', PORT: '0', KEEL_LOG_FORMAT: 'json', KEEL_TIMELINE: timeline },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (ready?.test(output)) {
        ready = undefined;
        child.kill('SIGTERM');
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve(code);
    });
  });
}

interface RenderedBar {
  service: string;
  hook: string;
  width: number;
  label: string;
  visible: boolean;
}

describe('the HTML timeline in Chromium', () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keel-browser-'));
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Every bar the browser lays out: its hook, drawn width, and label text. */
  async function renderedBars(html: string, screenshot?: string): Promise<RenderedBar[]> {
    const page = await browser.newPage({ viewport: { width: 1040, height: 300 } });
    const requests: string[] = [];
    page.on('request', (request) => !request.url().startsWith('file:') && requests.push(request.url()));
    await page.goto(`file://${html}`);
    const bars = await page.$$eval('g.bar', (groups) =>
      groups.map((g) => {
        const rect = g.querySelector('rect')!.getBoundingClientRect();
        const text = g.querySelector('text')!;
        const box = text.getBoundingClientRect();
        const chart = g.closest('svg')!.getBoundingClientRect();
        return {
          service: g.getAttribute('data-service')!,
          hook: g.getAttribute('data-hook')!,
          width: rect.width,
          label: text.textContent ?? '',
          // Laid out, and inside its chart rather than cut off at an edge.
          visible: box.width > 0 && box.height > 0 && box.left >= chart.left && box.right <= chart.right,
        };
      }),
    );
    if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
    await page.close();
    expect(requests).toEqual([]);
    return bars;
  }

  function expectEveryHookDrawn(bars: RenderedBar[], timings: TimingsFile): void {
    const drawn = bars.filter((b) => b.width >= 1 && b.visible && b.label.startsWith(`${b.hook} `)).map((b) => `${b.service} ${b.hook}`);
    const expected = timings.hooks.map((h) => `${h.service} ${h.hook}`);
    expect(drawn.sort()).toEqual(expected.sort());
  }

  it("draws a labelled bar for every hook of samples/hello's start and stop", async () => {
    const html = join(dir, 'hello', 'timeline.html');
    const code = await runWithTimeline(join(ROOT, 'dist-samples', 'hello', 'main.js'), html, /ready on http/);
    const timings = JSON.parse(readFileSync(join(dir, 'hello', 'timeline.timings.json'), 'utf8')) as TimingsFile;
    // KEEL_SCREENSHOT=docs/timeline-hello.png refreshes the README's picture.
    const bars = await renderedBars(html, process.env.KEEL_SCREENSHOT ? join(ROOT, process.env.KEEL_SCREENSHOT) : join(dir, 'hello.png'));

    expect(code).toBe(0);
    expect(new Set(timings.hooks.map((h) => h.service))).toEqual(new Set(['Database', 'HttpServer(HELLO_ROUTES)', 'keel.THREAD_POOL']));
    expectEveryHookDrawn(bars, timings);
  });

  it('draws a labelled bar for every one of 200 services, start and stop', async () => {
    const app = generateGraphApp(dir, { layers: 10, width: 20 });
    const html = join(dir, 'generated', 'timeline.html');
    const code = await runWithTimeline(app.main, html);
    const timings = JSON.parse(readFileSync(join(dir, 'generated', 'timeline.timings.json'), 'utf8')) as TimingsFile;
    const bars = await renderedBars(html);

    expect([code, new Set(timings.hooks.filter((h) => h.service.startsWith('Svc')).map((h) => h.service)).size]).toEqual([0, 200]);
    expectEveryHookDrawn(bars, timings);
  });
});

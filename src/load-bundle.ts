import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { Script } from 'node:vm';

/**
 * How the published package loads dist/keel-core.js (the bundle scripts/bundle.mjs writes; its
 * one-line forwarders call loadBundle()). On Node 20 it compiles the bundle through vm.Script
 * with V8's code cache, so a process whose cache is warm deserializes keel's bytecode instead
 * of parsing and compiling keel again: the work that dominates keel's share of a cold start.
 * The cache is written once per Node version, flags and bundle, after the first run has
 * compiled its boot path. Anything wrong with it (missing, truncated, made by another V8 or
 * other flags, a read-only or shared directory, a writer racing another) falls back to the
 * compile a plain require() does; nothing is ever thrown or logged. Node >= 22.1 has a compile
 * cache of its own (module.enableCompileCache, NODE_COMPILE_CACHE): there keel leaves it to Node.
 * keel's own tests run src/; an app's Jest tests that import the package reach this inside
 * Jest's sandbox (a vm context), and there the plain require() is kept (see load()).
 */

/** What the bundle exports: its modules, each evaluated at its first call. */
export interface KeelBundle {
  m(id: string): unknown;
}

/** What happened to the code cache in this process (read by the tests). */
export type CodeCacheStatus = 'off' | 'missing' | 'rejected' | 'accepted';

/** KEEL_CODE_CACHE: unset or empty for the default directory, a path for another, one of these to turn it off. */
const OFF_VALUES = new Set(['0', 'false', 'off']);
/** The first run writes the cache this long after loading keel (its boot compiled by then), or at its exit if sooner. */
const WRITE_DELAY_MS = 10_000;
/**
 * Every cache file starts with this, then the payload's length and its checksum (uint32 LE each):
 * a torn, foreign or corrupted file never reaches V8, whose release builds skip their own checksum
 * and can crash on a damaged payload (a single flipped byte crashed 2 of 8 trials) — a crash that
 * would then repeat at every start.
 */
const MAGIC = Buffer.from('KEELV8C2');
const HEADER_BYTES = MAGIC.length + 8;
/** The bundle's last lines carry its content hash (scripts/bundle.mjs): a rebuilt keel never meets an old cache. */
const BUNDLE_ID = /\/\/# keelBundle=([0-9a-f]+)\s*$/;
const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];

const BUNDLE = path.join(__dirname, 'keel-core.js');
let bundle: KeelBundle | undefined;
let status: CodeCacheStatus = 'off';

/** The bundle's exports, loaded once per process (every forwarder and entry point gets these). */
export function loadBundle(): KeelBundle {
  bundle ??= load();
  return bundle;
}

export function codeCacheStatus(): CodeCacheStatus {
  return status;
}

function load(): KeelBundle {
  const directory = cacheDirectory(process.env.KEEL_CODE_CACHE);
  // Source maps are registered by require() only; vm.Script's compile would lose them. Inside a vm
  // context (Jest's sandbox: Node's own functions are not instances of its Function), runInThisContext
  // would run keel in Node's main realm while its dependencies load in the sandbox, each side with its
  // own globals (Reflect without reflect-metadata's functions, Promise, Error), so require() it is.
  const keepRequire =
    directory === undefined || 'enableCompileCache' in Module || process.sourceMapsEnabled || !(readFileSync instanceof Function);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the plain require() of the bundle, as before the cache
  if (keepRequire) return require(BUNDLE) as KeelBundle;
  // ASCII only (scripts/bundle.mjs checks): latin1 is the same text, copied without utf8's validation.
  const source = readFileSync(BUNDLE, 'latin1');
  const file = cacheFile(directory, source);
  const cachedData = readCache(file);
  const script = new Script(`(function (${WRAPPER_PARAMS.join(', ')}) {\n${source}\n})`, {
    filename: BUNDLE,
    lineOffset: -1, // the wrapper's own line: every line of the bundle keeps its number in stack traces
    cachedData,
  });
  status = cachedData === undefined ? 'missing' : script.cachedDataRejected === true ? 'rejected' : 'accepted';
  const core = new Module(BUNDLE, undefined);
  core.filename = BUNDLE;
  // The same module object for a plain require() of the bundle, should anything do one.
  require.cache[BUNDLE] = core;
  const evaluate = script.runInThisContext() as (...args: unknown[]) => void;
  evaluate.call(core.exports, core.exports, createRequire(BUNDLE), core, BUNDLE, __dirname);
  core.loaded = true;
  if (status !== 'accepted' && file !== undefined) writeLater(script, file);
  return core.exports as KeelBundle;
}

/**
 * Where caches live: KEEL_CODE_CACHE, else node_modules/.cache/keel in the node_modules keel is
 * installed in (the convention of babel, eslint, terser), or in keel's own checkout: a directory
 * as writable, and as trusted, as the code itself.
 */
export function cacheDirectory(setting: string | undefined, packageRoot = path.dirname(__dirname)): string | undefined {
  if (setting !== undefined && setting !== '') return OFF_VALUES.has(setting.toLowerCase()) ? undefined : path.resolve(setting);
  const parts = packageRoot.split(path.sep);
  const nodeModules = parts.lastIndexOf('node_modules');
  const base = nodeModules > 0 ? parts.slice(0, nodeModules + 1).join(path.sep) : path.join(packageRoot, 'node_modules');
  return path.join(base, '.cache', 'keel');
}

/**
 * keel-core-<bundle>-<node>.cache. <bundle>: the bundle's content hash, size and mtime, so a
 * rebuilt or edited (patch-package) bundle misses. <node>: Node's version and flags, since V8
 * rejects a cache made by another version or under other V8 flags (--max-old-space-size
 * included); a file per set of flags keeps two kinds of process from overwriting each other's.
 */
function cacheFile(directory: string, source: string): string | undefined {
  const id = BUNDLE_ID.exec(source.slice(-200))?.[1];
  if (id === undefined) return undefined;
  let stats;
  try {
    stats = statSync(BUNDLE);
  } catch {
    return undefined;
  }
  // V8's flags are all --long ones; -e's code and -r's module would only split the cache.
  const options = process.execArgv.filter((arg) => arg.startsWith('--') && !/^--(eval|print)\b/.test(arg));
  const node = fnv1a(`${process.version} ${process.arch} ${process.versions.v8} ${options.join(' ')} | ${process.env.NODE_OPTIONS ?? ''}`);
  return path.join(directory, `keel-core-${id}${fnv1a(`${stats.size} ${stats.mtimeMs}`)}-${node}.cache`);
}

/** The payload of a well-formed cache file, or undefined: V8 then compiles as require() would. */
function readCache(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  let data;
  try {
    data = readFileSync(file);
  } catch {
    return undefined;
  }
  if (data.length < HEADER_BYTES || !data.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  if (data.readUInt32LE(MAGIC.length) !== data.length - HEADER_BYTES) return undefined;
  const payload = data.subarray(HEADER_BYTES);
  return data.readUInt32LE(MAGIC.length + 4) === checksum(payload) ? payload : undefined;
}

/** Writes the cache once: after the boot path has run (so its functions are in it), or at exit. */
function writeLater(script: Script, file: string): void {
  const write = () => {
    clearTimeout(timer);
    process.removeListener('exit', write);
    writeCache(script, file);
  };
  const timer = setTimeout(write, WRITE_DELAY_MS).unref();
  process.once('exit', write);
}

/**
 * Atomically: a reader sees the old file, the new one, or none, never half of one; a writer
 * racing another leaves one whole file (a file cut short by a crash fails the header's length).
 * The cache is serialized only once the file could be opened: a read-only directory costs a
 * failed mkdir or open. Older bundles' caches go.
 */
function writeCache(script: Script, file: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  let fd;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    fd = openSync(temporary, 'w', 0o644);
  } catch {
    return;
  }
  try {
    const payload = script.createCachedData();
    const header = Buffer.alloc(HEADER_BYTES);
    MAGIC.copy(header);
    header.writeUInt32LE(payload.length, MAGIC.length);
    header.writeUInt32LE(checksum(payload), MAGIC.length + 4);
    writeSync(fd, header);
    writeSync(fd, payload);
    closeSync(fd);
    renameSync(temporary, file);
  } catch {
    ignoreErrors(() => closeSync(fd));
    ignoreErrors(() => unlinkSync(temporary));
    return;
  }
  ignoreErrors(() => removeStale(file));
}

/** Caches of other bundles (an older keel, an earlier build) are dead weight; this bundle's under other flags stay. */
function removeStale(file: string): void {
  const directory = path.dirname(file);
  const bundle = path.basename(file).slice(0, path.basename(file).lastIndexOf('-') + 1); // keel-core-<bundle>-
  for (const name of readdirSync(directory)) {
    if (name.startsWith('keel-core-') && name.endsWith('.cache') && !name.startsWith(bundle)) unlinkSync(path.join(directory, name));
  }
}

/** For clean-up after a failed write: the fd may be closed already, the file renamed already. */
function ignoreErrors(action: () => void): void {
  try {
    action();
  } catch {
    // nothing to undo
  }
}

/**
 * FNV-1a over the payload's 32-bit words: each step is a bijection of the running hash, so any
 * change confined to one word always changes the result. Loading node:crypto or node:zlib for a
 * CRC would cost more than the cache saves on a small app; the loop in JS runs in V8's interpreter
 * and baseline code at ~120 instructions a word (8M for keel's ~270 KB cache, a tenth of keel's
 * own share of a cold start), so it runs as WebAssembly when it can (1.3M, most of it setting up
 * the module) and in JS where WebAssembly is missing (--jitless). Both give the same value.
 */
function checksum(bytes: Buffer): number {
  const words = bytes.length >>> 2;
  let hash = checksumWasm(bytes, words) ?? checksumWords(bytes, words);
  for (let i = words * 4; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
}

function checksumWords(bytes: Buffer, words: number): number {
  // Int32Array needs a 4-byte aligned offset; a copy of the (rare) unaligned case has offset 0.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : Buffer.from(bytes);
  const view = new Int32Array(aligned.buffer, aligned.byteOffset, words);
  let hash = 0x811c9dc5;
  for (let i = 0; i < words; i++) hash = Math.imul(hash ^ view[i]!, 0x01000193);
  return hash;
}

/**
 * checksumWords as one WebAssembly function over a copy of the bytes in its memory (little-endian
 * loads, as Int32Array on every platform Node runs on), four words a turn (V8's baseline wasm code
 * pays its loop overhead per turn):
 *   (func (export "h") (param $n i32) (result i32) (local $i i32) (local $h i32) (local $end i32)
 *     (local.set $h (i32.const 0x811c9dc5))
 *     (local.set $end (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2)))
 *     (block (loop                                   ;; 16 bytes a turn: offsets 0, 4, 8, 12 of $i
 *       (br_if 1 (i32.ge_u (local.get $i) (local.get $end)))
 *       (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load offset=0 (local.get $i))) (i32.const 0x01000193)))
 *       ... offset=4, offset=8, offset=12 alike ...
 *       (local.set $i (i32.add (local.get $i) (i32.const 16)))
 *       (br 0)))
 *     (local.set $end (i32.shl (local.get $n) (i32.const 2)))
 *     (block (loop                                   ;; the last 0-3 words, one a turn
 *       (br_if 1 (i32.ge_u (local.get $i) (local.get $end)))
 *       (local.set $h (i32.mul (i32.xor (local.get $h) (i32.load (local.get $i))) (i32.const 0x01000193)))
 *       (local.set $i (i32.add (local.get $i) (i32.const 4)))
 *       (br 0)))
 *     (local.get $h))
 * with its memory imported as m.m. Undefined where WebAssembly is unavailable or fails.
 */
function checksumWasm(bytes: Buffer, words: number): number | undefined {
  const wasm = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (wasm === undefined) return undefined;
  try {
    const memory = new wasm.Memory({ initial: Math.max(1, Math.ceil(bytes.length / 65_536)) });
    new Uint8Array(memory.buffer).set(bytes);
    const module = new wasm.Module(Buffer.from(CHECKSUM_WASM, 'base64'));
    const { h } = new wasm.Instance(module, { m: { m: memory } }).exports as { h: (words: number) => number };
    return h(words);
  } catch {
    return undefined;
  }
}

/** The part of the WebAssembly global checksumWasm uses (keel's lib settings do not declare it). */
interface WebAssemblyApi {
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const CHECKSUM_WASM =
  'AGFzbQEAAAABBgFgAX8BfwIIAQFtAW0CAAEDAgEABwUBAWgAAAqeAQGbAQEDf0HFu/KIeCECIABBfHFBAnQhAwJAA0AgASADTw0BIAIgASgCAHNBk4OACGwhAiACIAEoAgRzQZODgAhsIQIgAiABKAIIc0GTg4AIbCECIAIgASgCDHNBk4OACGwhAiABQRBqIQEMAAsLIABBAnQhAwJAA0AgASADTw0BIAIgASgCAHNBk4OACGwhAiABQQRqIQEMAAsLIAIL';

/** 32-bit FNV-1a of a short string, hex: the cache key of the flags and versions. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** A line of an env file that dotenv would silently skip. Never carries the line's text. */
export interface MalformedLine {
  /** 1-based, counting `\n`, `\r\n` and a lone `\r` as one line break each, as dotenv does. */
  line: number;
  /** The variable the line seems to assign, only when it cannot be a fragment of a value. */
  key?: string;
  reason: string;
}

export interface EnvFileScan {
  /** Every key the file assigns, in file order (a repeated key appears more than once). */
  keys: string[];
  problems: MalformedLine[];
}

const QUOTES = new Set(['"', "'", '`']);
const isSpace = (ch: string | undefined): boolean => ch !== undefined && /\s/.test(ch);
const isKeyChar = (ch: string | undefined): boolean => ch !== undefined && /[\w.-]/.test(ch);

/**
 * Finds the lines of a .env file that dotenv's default parser would skip without
 * a word. It walks the file the way that parser's pattern does (an entry starts
 * at a line start, may span lines inside quotes, and ends at a line end), so
 * everything dotenv reads is accepted: comments, blank lines, `export KEY=...`,
 * `KEY: value`, `KEY=` and quoted values over several lines. Problems only ever
 * name line numbers and, when safe, keys: a value never reaches a message.
 */
export function scanEnvFile(source: string): EnvFileScan {
  const text = source.replace(/\r\n?/g, '\n');
  const scan: EnvFileScan = { keys: [], problems: [] };
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    const end = lineEnd(text, pos);
    const content = text.slice(pos, end);
    let stop = end;
    if (!/^\s*(#.*)?$/.test(content)) {
      const entry = matchEntry(text, pos);
      if (entry?.unclosedQuote) {
        // dotenv would keep the quote in the value. What follows may be the rest of that value
        // (a secret split over lines), so nothing after it is read, let alone named.
        scan.problems.push({ line, key: entry.key, reason: 'the value opens a quote that is never closed' });
        break;
      }
      if (entry) {
        scan.keys.push(entry.key);
        stop = entry.end;
      } else {
        scan.problems.push(describeProblem(content, line));
      }
    }
    line += countBreaks(text, pos, stop) + 1;
    pos = stop + 1;
  }
  return scan;
}

interface Entry {
  key: string;
  /** Index of the line break (or end of text) where the entry stops. */
  end: number;
  /** The value starts with a quote on its first line and no same quote follows on that line or closes it later. */
  unclosedQuote: boolean;
}

function matchEntry(text: string, start: number): Entry | undefined {
  const p = skipSpace(text, start);
  // `export` is optional: `export KEY=1` assigns KEY, but `export=1` assigns "export".
  if (text.startsWith('export', p) && isSpace(text[p + 6])) {
    const exported = matchAssignment(text, skipSpace(text, p + 6));
    if (exported) return exported;
  }
  return matchAssignment(text, p);
}

function matchAssignment(text: string, keyStart: number): Entry | undefined {
  let keyEnd = keyStart;
  while (isKeyChar(text[keyEnd])) keyEnd++;
  if (keyEnd === keyStart) return undefined;
  const key = text.slice(keyStart, keyEnd);
  // `KEY = v`; the space before `=` may even hold line breaks.
  const equals = skipSpace(text, keyEnd);
  if (text[equals] === '=') return { key, ...matchValue(text, equals + 1, equals + 1) };
  // `KEY: v` needs one space after the colon; a line break there moves the value to the next line.
  if (text[keyEnd] === ':' && isSpace(text[keyEnd + 1])) return { key, ...matchValue(text, keyEnd + 2, keyEnd + 1) };
  return undefined;
}

/**
 * A quoted value (looked for past any spaces and line breaks) wins when some closing
 * quote is followed by nothing but spaces or a comment on its line; otherwise the
 * value is the rest of the line at `unquotedFrom`.
 */
function matchValue(text: string, unquotedFrom: number, quotedFrom: number): { end: number; unclosedQuote: boolean } {
  const open = skipSpace(text, quotedFrom);
  if (QUOTES.has(text[open] ?? '')) {
    const close = findClosingQuote(text, open);
    if (close !== undefined) return { end: lineEnd(text, close), unclosedQuote: false };
    // dotenv then reads the rest of the line (up to a '#') as an unquoted value; with no second
    // quote in it, the quote stays in the value: a missing closing quote, never what was meant.
    const end = lineEnd(text, unquotedFrom);
    const onFirstLine = lineEnd(text, quotedFrom) > open;
    const rest = text.slice(open + 1, end).split('#')[0]!;
    return { end, unclosedQuote: onFirstLine && !rest.includes(text[open]!) };
  }
  return { end: lineEnd(text, unquotedFrom), unclosedQuote: false };
}

/**
 * The first quote not preceded by a backslash is tried first, then the escaped
 * ones before it, latest first: the backtracking order of dotenv's pattern.
 */
function findClosingQuote(text: string, open: number): number | undefined {
  const quote = text[open]!;
  const candidates: number[] = [];
  for (let i = text.indexOf(quote, open + 1); i !== -1; i = text.indexOf(quote, i + 1)) {
    candidates.push(i);
    if (text[i - 1] !== '\\') break;
  }
  for (const close of candidates.reverse()) {
    const rest = text.slice(close + 1, lineEnd(text, close + 1));
    if (/^\s*(#.*)?$/.test(rest)) return close;
  }
  return undefined;
}

function describeProblem(content: string, line: number): MalformedLine {
  const body = content.trim().replace(/^export\s+/, '');
  const at = body.search(/[=:]/);
  const separator = body[at];
  const left = at === -1 ? '' : body.slice(0, at).trim();
  let problem: MalformedLine;
  if (separator === undefined) {
    problem = { line, reason: 'expected KEY=value, found no "="' };
  } else if (left === '') {
    problem = { line, reason: `found no name before "${separator}"` };
  } else if (separator === ':' && /^[\w.-]+$/.test(left)) {
    problem = { line, reason: 'a ":" separator needs a space after it; write KEY=value' };
    // Only an upper-case variable name is echoed: `user:pass` on a broken value line must stay unnamed.
    if (/^[A-Z_][A-Z0-9_]*$/.test(left)) problem.key = left;
  } else {
    problem = { line, reason: `the name before "${separator}" may only hold letters, digits, "_", "." and "-"` };
  }
  return problem;
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i === -1 ? text.length : i;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  while (isSpace(text[i])) i++;
  return i;
}

function countBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

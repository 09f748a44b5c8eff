// A peer for bench/pages.sh: Mozilla Readability over whole web pages, in one Node.js process.
//
//   node bench/peer_pages_mozilla.mjs MODULES DIR OUT.jsonl [--passes N]
//
// MODULES is the directory that holds node_modules with @mozilla/readability and linkedom
// (bench/pages.sh installs them in a cache outside the tree). Reads every *.html file under DIR
// into memory (UTF-8; a file that is not valid UTF-8 is decoded with the charset its <meta>
// declares), then makes N timed passes over them: for each page, linkedom's parseHTML, then
// new Readability(document).parse() with the library's defaults. The text is the article's
// textContent with a line break at each block element (parse() gives textContent without
// them, so it is taken from the article's `content`, parsed again the same way), whitespace
// runs collapsed. The first pass's texts are written to OUT as JSON Lines ({"path", "text"}); a
// page Readability throws on or returns null for gets an empty text and is counted. Prints one
// JSON object on standard output: pages, bytes, failed, and the seconds of each pass (parse +
// extract + text, no file reads).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const args = process.argv.slice(2);
let passes = 1;
const at = args.indexOf("--passes");
if (at !== -1) {
  passes = Number(args[at + 1]);
  args.splice(at, 2);
}
if (args.length !== 3 || !(passes >= 1)) {
  console.error("usage: peer_pages_mozilla.mjs MODULES DIR OUT.jsonl [--passes N]");
  process.exit(2);
}
const [modules, dir, outPath] = args;
const require = createRequire(join(modules, "package.json"));
const { Readability } = require("@mozilla/readability");
const { parseHTML } = require("linkedom");

// Elements whose start and end break the text into lines.
const BLOCKS = new Set(
  ("address article aside blockquote body caption dd details dialog div dl dt fieldset " +
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main nav ol p " +
    "pre section summary table tbody td tfoot th thead tr ul").split(" "),
);
const SKIP = new Set(["script", "style", "noscript", "template"]);
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

// The text of an element: whitespace runs collapsed, one line per block. Iterative, so that
// deep pages cannot overflow the stack.
function textOf(root) {
  const parts = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === "\n") {
      parts.push("\n");
    } else if (node.nodeType === TEXT_NODE) {
      parts.push(node.nodeValue);
    } else if (node.nodeType === ELEMENT_NODE) {
      const tag = node.localName;
      if (SKIP.has(tag)) continue;
      const block = BLOCKS.has(tag);
      if (block || tag === "br") parts.push("\n");
      if (block) stack.push("\n");
      const children = node.childNodes;
      for (let i = children.length - 1; i >= 0; --i) stack.push(children[i]);
    }
  }
  return parts
    .join("")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .filter((line) => line !== "")
    .join("\n");
}

function extract(html) {
  const { document } = parseHTML(html);
  const article = new Readability(document).parse();
  if (article === null) return null;
  const { document: content } = parseHTML(
    `<!DOCTYPE html><html><body>${article.content ?? ""}</body></html>`,
  );
  return textOf(content.body);
}

function decode(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const head = bytes.subarray(0, 4096).toString("latin1");
    const label = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head)?.[1];
    try {
      return new TextDecoder(label ?? "utf-8").decode(bytes);
    } catch {
      return new TextDecoder("utf-8").decode(bytes);
    }
  }
}

function listPages(top) {
  const found = [];
  const dirs = [top];
  while (dirs.length > 0) {
    const current = dirs.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) dirs.push(path);
      else if (entry.isFile() && entry.name.endsWith(".html")) found.push(path);
    }
  }
  return found.sort();
}

const pages = listPages(dir).map((path) => {
  const bytes = readFileSync(path);
  return { path, size: bytes.length, html: decode(bytes) };
});
const texts = [];
const seconds = [];
let failed = 0;
for (let n = 0; n < passes; ++n) {
  const start = performance.now();
  for (const page of pages) {
    let text = null;
    try {
      text = extract(page.html);
    } catch {
      // counted below, as a page Readability gave nothing for
    }
    if (n === 0) {
      if (text === null) ++failed;
      texts.push(text ?? "");
    }
  }
  seconds.push((performance.now() - start) / 1000);
}
writeFileSync(
  outPath,
  pages.map((page, i) => JSON.stringify({ path: page.path, text: texts[i] }) + "\n").join(""),
);
console.log(
  JSON.stringify({
    pages: pages.length,
    bytes: pages.reduce((sum, page) => sum + page.size, 0),
    failed,
    pass_seconds: seconds,
  }),
);

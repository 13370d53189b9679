import { inflateSync } from "node:zlib";

/**
 * The text of a PDF as chromium (Skia) writes it, without a PDF library: fonts are embedded as
 * subsets whose glyph codes mean nothing by themselves, so each page's text operators are
 * decoded through its fonts' ToUnicode maps. Enough for "does the pack say X" — not a
 * general PDF reader (no object streams, no encryption).
 */
export function pdfText(pdf: Buffer): { pages: string[] } {
  const source = pdf.toString("latin1");
  const objects = new Map<number, { dict: string; stream: Buffer | null }>();
  const objectPattern = /(\d+) 0 obj\s*([\s\S]*?)endobj/g;
  for (let match = objectPattern.exec(source); match; match = objectPattern.exec(source)) {
    const body = match[2]!;
    const streamAt = body.indexOf("stream");
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    let start = streamAt + "stream".length;
    if (body[start] === "\r") start++;
    if (body[start] === "\n") start++;
    const end = body.lastIndexOf("endstream");
    const raw = Buffer.from(body.slice(start, end), "latin1");
    let stream: Buffer = raw;
    if (/\/FlateDecode/.test(dict)) {
      try {
        stream = inflateSync(raw);
      } catch {
        stream = inflateSync(raw.subarray(0, raw.length - 1)); // a trailing end-of-line before endstream
      }
    }
    objects.set(Number(match[1]), { dict, stream });
  }

  const ref = (dict: string, key: string) => {
    const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : undefined;
  };
  const dictOf = (text: string, key: string): string | undefined => {
    const at = text.indexOf(`/${key}`);
    if (at < 0) return undefined;
    const rest = text.slice(at + key.length + 1).trimStart();
    if (rest.startsWith("<<")) {
      let depth = 0;
      for (let i = 0; i < rest.length - 1; i++) {
        if (rest.startsWith("<<", i)) (depth++, i++);
        else if (rest.startsWith(">>", i)) {
          depth--;
          i++;
          if (depth === 0) return rest.slice(2, i - 1);
        }
      }
      return undefined;
    }
    const m = /^(\d+) 0 R/.exec(rest);
    return m ? objects.get(Number(m[1]))?.dict : undefined;
  };

  const cmaps = new Map<number, Map<number, string>>();
  function cmapOf(objectNumber: number): Map<number, string> {
    const known = cmaps.get(objectNumber);
    if (known) return known;
    const map = new Map<number, string>();
    const text = objects.get(objectNumber)?.stream?.toString("latin1") ?? "";
    const hexText = (hex: string) => {
      let out = "";
      for (let i = 0; i + 4 <= hex.length; i += 4) out += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
      return out;
    };
    for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(m[1]!, 16), hexText(m[2]!));
    }
    for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const m of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        const from = parseInt(m[1]!, 16);
        const to = parseInt(m[2]!, 16);
        const first = parseInt(m[3]!, 16);
        for (let code = from; code <= to; code++) map.set(code, String.fromCharCode(first + code - from));
      }
    }
    cmaps.set(objectNumber, map);
    return map;
  }

  const pages: string[] = [];
  for (const [, object] of objects) {
    if (!/\/Type\s*\/Page\b/.test(object.dict)) continue;
    const fonts = new Map<string, Map<number, string>>();
    const fontDict = dictOf(dictOf(object.dict, "Resources") ?? "", "Font") ?? "";
    for (const m of fontDict.matchAll(/\/([\w.+-]+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(m[2]))?.dict ?? "";
      const toUnicode = ref(font, "ToUnicode");
      if (toUnicode !== undefined) fonts.set(m[1]!, cmapOf(toUnicode));
    }
    const contents: number[] = [];
    const single = ref(object.dict, "Contents");
    if (single !== undefined) contents.push(single);
    else for (const m of /\/Contents\s*\[([^\]]*)\]/.exec(object.dict)?.[1]?.matchAll(/(\d+) 0 R/g) ?? []) contents.push(Number(m[1]));

    let text = "";
    let cmap: Map<number, string> | undefined;
    const decode = (hex: string) => {
      let out = "";
      for (let i = 0; i + 4 <= hex.length; i += 4) out += cmap?.get(parseInt(hex.slice(i, i + 4), 16)) ?? "";
      return out;
    };
    for (const number of contents) {
      const ops = objects.get(number)?.stream?.toString("latin1") ?? "";
      for (const m of ops.matchAll(/\/([\w.+-]+)\s+[\d.]+\s+Tf|<([0-9a-fA-F]*)>|\b(ET)\b/g)) {
        if (m[1]) cmap = fonts.get(m[1]);
        else if (m[2] !== undefined) text += decode(m[2]);
        else if (m[3]) text += "\n";
      }
    }
    pages.push(text);
  }
  return { pages };
}

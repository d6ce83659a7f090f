/** Reading the text of a PDF that Chromium printed (pdf.js, no rendering). */

/** The text of each page, lines joined by newlines. */
export async function pdfPagesText(pdf: Buffer): Promise<string[]> {
  // pdf.js ships as ES modules only.
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const document = await pdfjs.getDocument({ data: new Uint8Array(pdf), isEvalSupported: false, disableFontFace: true }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= document.numPages; n++) {
    const content = await (await document.getPage(n)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join(''),
    );
  }
  await document.destroy();
  return pages;
}

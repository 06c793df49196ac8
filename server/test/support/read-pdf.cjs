// Reads a PDF from stdin and prints { text, pages, qr } as JSON: its text, and the QR code found on its first page
// rendered at 2× (pdf.js + canvas, through pdf-parse). A separate process because pdf.js loads itself with a
// dynamic import, which jest's module sandbox refuses.
const jsQR = require('jsqr');
const { PDFParse } = require('pdf-parse');
const { PNG } = require('pngjs');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  try {
    const text = await parser.getText();
    const shot = await parser.getScreenshot({ scale: 2, first: 1 });
    const png = PNG.sync.read(Buffer.from(shot.pages[0].data));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height);
    process.stdout.write(JSON.stringify({ text: text.text, pages: text.total, qr: code ? code.data : null }));
  } finally {
    await parser.destroy();
  }
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});

import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { chineseDate, hoursText, type CertificateContent } from './certificate-content';

/**
 * The certificate as an A4 PDF (pdfkit): Chinese text in Noto Sans SC, shipped as an npm package and embedded as a
 * subset of the glyphs used (a certificate is ~10–30 KB), and a QR code to the public verification page.
 */

let font: Buffer | null = null;
/** Read once (10 MB, outside the JS heap), on the first certificate. */
function cjkFont(): Buffer {
  font ??= readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
  return font;
}

const PAGE = { width: 595.28, height: 841.89, margin: 50 };
const COLUMNS = [
  { title: '序号', width: 34 },
  { title: '日期', width: 72 },
  { title: '服务内容', width: 205 },
  { title: '服务地点', width: 112 },
  { title: '时长（小时）', width: 72 },
];

export async function renderCertificatePdf(content: CertificateContent, verifyUrl: string, checkCode: string): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, scale: 4, errorCorrectionLevel: 'M' });
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    info: { Title: `志愿服务记录证明 ${content.number}`, Author: content.issuer.name, Subject: content.period.label, CreationDate: new Date(content.issuedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('cjk', cjkFont());
  doc.font('cjk');
  const left = PAGE.margin;
  const right = PAGE.width - PAGE.margin;
  const bottom = PAGE.height - PAGE.margin - 40;

  doc.fontSize(22).text('志愿服务记录证明', left, 58, { width: right - left - 100, align: 'center' });
  doc.image(qr, right - 88, 44, { width: 88 });
  doc.fontSize(8).text('扫码核验真伪', right - 88, 134, { width: 88, align: 'center' });
  doc
    .fontSize(10)
    .text(`证明编号：${content.number}`, left, 100)
    .text(`出具日期：${chineseDate(content.issuedAt)}`, left, 116);

  let y = 160;
  const heading = (text: string) => {
    doc.fontSize(13).text(text, left, y);
    y += 22;
  };
  const line = (label: string, value: string) => {
    doc.fontSize(11).text(`${label}：${value}`, left + 12, y, { width: right - left - 12 });
    y = doc.y + 6;
  };

  heading('一、志愿者信息');
  line('姓名', content.volunteer.name);
  line('所在党支部', content.volunteer.branch);
  line('工作单位', content.volunteer.unit ?? '—');
  y += 6;

  heading('二、志愿服务记录');
  const from = new Date(content.period.from);
  const lastDay = new Date(new Date(content.period.to).getTime() - 1);
  line('记录时段', `${content.period.label}（${chineseDate(from)}至${chineseDate(lastDay)}）`);

  const drawRow = (cells: string[], header: boolean) => {
    doc.fontSize(header ? 10 : 9.5);
    const heights = cells.map((text, i) => doc.heightOfString(text, { width: COLUMNS[i].width - 8 }));
    const height = Math.max(...heights) + 8;
    if (y + height > bottom) {
      doc.addPage();
      doc.font('cjk');
      y = PAGE.margin;
    }
    let x = left;
    cells.forEach((text, i) => {
      doc.rect(x, y, COLUMNS[i].width, height).lineWidth(0.5).stroke('#999999');
      doc.fillColor('#000000').text(text, x + 4, y + 4, { width: COLUMNS[i].width - 8, align: i === 4 || i === 0 ? 'center' : 'left' });
      x += COLUMNS[i].width;
    });
    y += height;
  };
  drawRow(
    COLUMNS.map((c) => c.title),
    true,
  );
  if (!content.entries.length) drawRow(['—', '—', '本时段暂无服务记录', '—', '0'], false);
  content.entries.forEach((e, i) => drawRow([String(i + 1), e.date, e.content, e.place, e.minutes ? hoursText(e.minutes) : '—'], false));
  y += 8;
  if (y + 200 > bottom) {
    doc.addPage();
    doc.font('cjk');
    y = PAGE.margin;
  }
  line('累计服务时长', `${hoursText(content.totalMinutes)} 小时（共 ${content.entries.length} 条记录）`);
  y += 6;

  heading('三、证明');
  doc
    .fontSize(11)
    .text(
      `兹证明 ${content.volunteer.name} 同志在${content.period.label}参加志愿服务，记录 ${content.entries.length} 条，累计服务时长 ${hoursText(content.totalMinutes)} 小时。以上记录来源于“暖城”服务台账，由${content.issuer.name}记录并出具本证明。`,
      left + 12,
      y,
      { width: right - left - 12, lineGap: 4 },
    );
  y = doc.y + 14;
  line('出具单位', content.issuer.name);
  line('负责人', content.issuer.personInCharge);
  line('联系方式', content.issuer.contact);
  line('出具日期', chineseDate(content.issuedAt));
  y += 10;
  doc
    .fontSize(9)
    .fillColor('#555555')
    .text(`本证明可扫描右上角二维码或访问 ${verifyUrl} 核验真伪。校验码：${checkCode}。日期均为北京时间。`, left, y, {
      width: right - left,
    });
  doc.end();
  return done;
}

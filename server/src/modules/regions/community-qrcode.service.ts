import { Inject, Injectable } from '@nestjs/common';
import QRCode from 'qrcode';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { RegionsService } from './regions.service';

/**
 * Printable QR codes for a community. The code encodes an https URL (WeChat's "扫普通链接二维码打开小程序"):
 * WeChat opens the mini-program's community page with that URL in `q`; any other scanner gets the H5 page.
 */
@Injectable()
export class CommunityQrCodeService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly regions: RegionsService,
  ) {}

  urlFor(code: string): string {
    return `${this.config.qrBaseUrl}/qr/c/${encodeURIComponent(code)}`;
  }

  async png(code: string): Promise<Buffer> {
    const community = await this.regions.findCommunityByCode(code);
    return QRCode.toBuffer(this.urlFor(community.code), { type: 'png', width: 1024, margin: 4, errorCorrectionLevel: 'M' });
  }

  /** SVG with the community's name under the code, ready to print on a poster. */
  async svg(code: string): Promise<string> {
    const community = await this.regions.findCommunityByCode(code);
    const qr = await QRCode.toString(this.urlFor(community.code), { type: 'svg', margin: 4, errorCorrectionLevel: 'M' });
    const inner = qr.replace(/^<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
    const size = Number(/viewBox="0 0 (\d+) \d+"/.exec(qr)?.[1] ?? 33);
    const caption = escapeXml(`${community.name} · 扫码发布微心愿`);
    const street = escapeXml(`${community.district.name} ${community.street.name}`);
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size + 8}" width="600" height="${Math.round((600 * (size + 8)) / size)}">`,
      `<rect width="100%" height="100%" fill="#fff"/>`,
      `<g>${inner}</g>`,
      `<text x="${size / 2}" y="${size + 2.5}" font-size="2.4" text-anchor="middle" font-family="sans-serif" fill="#c8161d">${caption}</text>`,
      `<text x="${size / 2}" y="${size + 5.8}" font-size="1.8" text-anchor="middle" font-family="sans-serif" fill="#555">${street}</text>`,
      `</svg>`,
    ].join('');
  }
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

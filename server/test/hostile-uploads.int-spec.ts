import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import sharp from 'sharp';
import { ROSTER_MAX_ROWS } from '@nuancheng/shared';
import { MemberEntity } from '../src/modules/members/member.entity';
import { OrganisationEntity } from '../src/modules/organisations/organisation.entity';
import { UploadEntity } from '../src/modules/uploads/upload.entity';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Hostile uploads (issue 11, docs/security.md): photos that are not what they say, broken, bombs, oversize, names
 * with path tricks — each refused with a 4xx and nothing stored (no file under UPLOAD_DIR, no row); rosters that
 * are refused part-way, bombs, several sheets or not spreadsheets — and never a temporary file left behind.
 */
function form(bytes: Buffer | string, name: string, type: string): FormData {
  const data = new FormData();
  data.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return data;
}

/** Every file under a folder, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** A PNG whose header says width × height, with one tiny compressed row: a decompression bomb if decoded. */
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateRawSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}

/** A zip of deflated entries, written by hand so an entry can hold far more than the file's size. */
function zip(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const packed = deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

async function workbook(sheets: Array<Array<Array<string | number>>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  sheets.forEach((rows, i) => {
    const sheet = book.addWorksheet(`名单${i + 1}`);
    rows.forEach((row) => sheet.addRow(row));
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe(`hostile uploads (${TEST_DB})`, () => {
  let t: TestApp;
  let uploadDir: string;
  let token: string;
  let orgAdmin: string;
  let linCao: OrganisationEntity;
  const rows = () => t.dataSource.getRepository(UploadEntity).count();
  const upload = (body: FormData) => t.request('POST', '/api/uploads', { token, body });
  /** The temporary files exceljs's `tmp` would make in this process (`tmp-<pid>-…` in the system folder). */
  const tempFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`tmp-${process.pid}-`));

  beforeAll(async () => {
    uploadDir = await mkdtemp(join(tmpdir(), 'nc-hostile-uploads-'));
    t = await startTestApp({ env: { UPLOAD_DIR: uploadDir } });
    token = await t.signIn('dev:resident');
    orgAdmin = await t.signIn('dev:org-admin');
    linCao = await t.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ name: '市林草局' });
  });
  afterAll(async () => {
    await t?.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('should refuse hostile photos with a 4xx and store nothing: no row, no file', async () => {
    const jpeg = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const png = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#2a7' } })
      .png()
      .toBuffer();
    const cases: Array<[string, Buffer | string, string, string]> = [
      ['text named .jpg', '这不是图片，只是改了扩展名', 'photo.jpg', 'image/jpeg'],
      ['HTML named .png', '<html><script>alert(1)</script></html>', 'x.png', 'image/png'],
      ['SVG with script named .png', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'x.png', 'image/png'],
      ['PDF named .jpg', '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', 'scan.jpg', 'image/jpeg'],
      ['JPEG magic then junk', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), 'junk.jpg', 'image/jpeg'],
      ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'half.jpg', 'image/jpeg'],
      ['truncated PNG', png.subarray(0, Math.floor(png.length / 2)), 'half.png', 'image/png'],
      ['PNG claiming 100000×100000 pixels', pngClaiming(100_000, 100_000), 'bomb.png', 'image/png'],
      ['PNG claiming 65535×65535 pixels', pngClaiming(65_535, 65_535), 'bomb2.png', 'image/png'],
      ['over 5 MB', Buffer.concat([jpeg, Buffer.alloc(6 * 1024 * 1024, 1)]), 'big.jpg', 'image/jpeg'],
      ['empty', Buffer.alloc(0), 'empty.jpg', 'image/jpeg'],
    ];
    const before = { rows: await rows(), files: filesUnder(uploadDir).length };
    const wrong: string[] = [];
    for (const [label, bytes, name, type] of cases) {
      const response = await upload(form(bytes, name, type));
      if (response.status < 400 || response.status >= 500) wrong.push(`${label}: ${response.status}`);
      else if (typeof response.body?.message !== 'string' || !/[\u4e00-\u9fa5]/.test(response.body.message)) wrong.push(`${label}: no Chinese message`);
    }
    expect(wrong).toEqual([]);
    expect({ rows: await rows(), files: filesUnder(uploadDir).length }).toEqual(before);
  });

  it('should store a real photo under its own id whatever its name says (path tricks), and nowhere else', async () => {
    const jpeg = await sharp({ create: { width: 120, height: 90, channels: 3, background: '#36c' } })
      .jpeg()
      .toBuffer();
    const names = ['../../../../tmp/evil.jpg', '..\\..\\windows\\evil.jpg', '/etc/cron.d/evil.jpg', 'a\u0000b.jpg', 'x\r\nContent-Type: text/html.jpg', '%2e%2e%2fevil.jpg', '😀'.repeat(300) + '.jpg'];
    const outside = () => readdirSync(tmpdir()).filter((n) => n.includes('evil'));
    const before = outside();
    for (const name of names) {
      const response = await upload(form(jpeg, name, 'image/jpeg'));
      // A name the multipart parser refuses is a 400; one it takes is stored under the upload's id.
      expect([201, 400]).toContain(response.status);
      if (response.status !== 201) continue;
      const row = await t.dataSource.getRepository(UploadEntity).findOneByOrFail({ id: response.body.id });
      expect(row.storageKey).toMatch(new RegExp(`^uploads/\\d{4}/\\d{2}/${row.id}\\.jpg$`));
      expect(row.thumbnailKey).toMatch(new RegExp(`^uploads/\\d{4}/\\d{2}/${row.id}-thumb\\.jpg$`));
    }
    expect(filesUnder(uploadDir).every((f) => f.startsWith(uploadDir) && !f.includes('evil'))).toBe(true);
    expect(outside()).toEqual(before);
  });

  it('should leave no temporary file and import nothing for a roster refused part-way, a bomb, several sheets or junk', async () => {
    const header = ['姓名', '手机号', '党支部', '居住社区编码'];
    const branch = '市林草局机关党支部';
    const many = Array.from({ length: ROSTER_MAX_ROWS + 5 }, (_, i) => [`党员${i}`, `136${String(i).padStart(8, '0')}`, branch]);
    const sheetXml = (n: number) =>
      Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${' '.repeat(n)}</sheetData></worksheet>`);
    const cases: Array<[string, Buffer, number[]]> = [
      ['over the row limit', await workbook([[header, ...many]]), [400]],
      [
        'a bad row in the second of two sheets',
        await workbook([
          [header, ['其木格', '136', branch]],
          [header, ['娜仁', '13600000002', branch]],
        ]),
        [400, 422],
      ],
      ['junk named .xlsx', Buffer.from('这不是表格'.repeat(100)), [400]],
      ['a zip bomb (a sheet of 200 MB of spaces)', zip([{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(200 * 1024 * 1024) }]), [400]],
      ['a zip of no workbook', zip([{ name: 'hello.txt', data: Buffer.from('hello') }]), [400]],
      ['a truncated workbook', (await workbook([[header, ['其木格', '13600000031', branch]]])).subarray(0, 2000), [400]],
    ];
    const members = await t.dataSource.getRepository(MemberEntity).count();
    const before = tempFiles();
    const wrong: string[] = [];
    for (const [label, bytes, statuses] of cases) {
      const response = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, {
        token: orgAdmin,
        body: form(bytes, 'roster.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
      });
      if (!statuses.includes(response.status)) wrong.push(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 120)}`);
      const left = tempFiles().filter((f) => !before.includes(f));
      if (left.length) wrong.push(`${label}: left ${left.join(', ')}`);
    }
    expect(wrong).toEqual([]);
    expect(await t.dataSource.getRepository(MemberEntity).count()).toBe(members);
    // A good roster still imports, with its two sheets read as the first only — and no file left either.
    const good = await workbook([
      [header, ['其木格', '13600000031', branch]],
      [header, ['娜仁', '13600000032', branch]],
    ]);
    const ok = await t.request('POST', `/api/organisations/${linCao.id}/members/import`, {
      token: orgAdmin,
      body: form(good, 'roster.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    });
    expect(ok.status).toBeLessThan(300);
    expect(tempFiles().filter((f) => !before.includes(f))).toEqual([]);
  }, 120_000);
});

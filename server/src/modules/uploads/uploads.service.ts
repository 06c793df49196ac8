import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Upload } from '@nuancheng/shared';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { findByColumnIn } from '../../common/database/entity-reads';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { EXTENSION_OF, processImage } from './image-processing';
import { OBJECT_STORAGE, ObjectStorage, StoredObject } from './storage/object-storage';
import { UploadEntity } from './upload.entity';

/** `<kind>:<id>`, e.g. `wish:…`, `wish-fulfilment:…`, `project-progress:…`. */
const TARGET = /^[a-z][a-z0-9-]{0,39}:[A-Za-z0-9-]{1,39}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PublicUrls {
  id: string;
  url: string;
  thumbnailUrl: string;
}

/** How long a signed link to a photo that is not public works (the page that got it reloads it before then). */
export const SIGNED_URL_SECONDS = 3600;

/** Whether a target's photos may be served to anyone right now (e.g. a wish on the wall); decided by its module. */
export type AudienceResolver = (targetId: string) => Promise<boolean>;

/** What a GET of a photo sends: the bytes, and whether it is public right now (the cache header follows). */
export type ServedObject = StoredObject & { etag: string; public: boolean };

/**
 * Photos: checked and stripped on upload, stored through ObjectStorage, served by id. A photo whose target is
 * public right now (its module says so, see registerAudience) is served to anyone; any other — not attached yet,
 * or of a wish that is submitted, rejected or withdrawn — only through a signed link that the module hands to
 * those who may see the target (an <img> sends no token). Other modules take photo ids from their requests and
 * call requireOwned + attach inside their own transaction.
 */
@Injectable()
export class UploadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cipher: DataCipher,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  private readonly audiences = new Map<string, AudienceResolver>();

  /** A module declares when the photos of its `<kind>:…` targets are public; kinds nobody declares stay public. */
  registerAudience(kind: string, resolver: AudienceResolver): void {
    this.audiences.set(kind, resolver);
  }

  private signature(id: string, expires: number): string {
    return this.cipher.hash(`upload:${id}:${expires}`).slice(0, 32);
  }

  private async isPublic(attachedTo: string | null): Promise<boolean> {
    if (attachedTo === null) return false;
    const [kind, targetId] = attachedTo.split(':');
    const resolver = this.audiences.get(kind);
    return resolver ? resolver(targetId) : true;
  }

  private validSignature(id: string, link: { e?: string; s?: string }): boolean {
    const expires = Number(link.e);
    if (!link.s || !Number.isInteger(expires) || expires * 1000 < this.clock.now().getTime()) return false;
    return link.s === this.signature(id, expires);
  }

  async upload(ownerUserId: string, input: Buffer): Promise<Upload> {
    const { image, thumbnail } = await processImage(input);
    const id = newId();
    const now = this.clock.now();
    // Date-sharded keys keep directories (and COS listings) small.
    const prefix = `uploads/${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
    const upload = Object.assign(new UploadEntity(), {
      id,
      ownerId: ownerUserId,
      storageKey: `${prefix}/${id}.${EXTENSION_OF[image.contentType]}`,
      thumbnailKey: `${prefix}/${id}-thumb.${EXTENSION_OF[thumbnail.contentType]}`,
      contentType: image.contentType,
      bytes: image.bytes.length,
      width: image.width,
      height: image.height,
      sha256: createHash('sha256').update(image.bytes).digest('hex'),
      attachedTo: null,
      createdAt: now,
    } satisfies UploadEntity);
    // Bytes first, row second: a failure in between leaves an unreferenced object, never a row without bytes.
    await this.storage.put(upload.storageKey, image.bytes, image.contentType);
    await this.storage.put(upload.thumbnailKey, thumbnail.bytes, thumbnail.contentType);
    await this.dataSource.getRepository(UploadEntity).insert(upload);
    return this.toResult(upload);
  }

  /**
   * The stored image or its thumbnail, for the GET routes: to anyone while its target is public, else only with a
   * valid signed link (`e`, `s`). A refusal is the same 404 as a missing photo, so it tells nothing.
   */
  async read(id: string, variant: 'image' | 'thumbnail', link: { e?: string; s?: string } = {}): Promise<ServedObject> {
    const upload = UUID.test(id) ? await this.dataSource.getRepository(UploadEntity).findOneBy({ id }) : null;
    if (!upload) throw AppException.notFound('图片不存在');
    const isPublic = await this.isPublic(upload.attachedTo);
    if (!isPublic && !this.validSignature(upload.id, link)) throw AppException.notFound('图片不存在或暂不公开');
    const object = await this.storage.get(variant === 'image' ? upload.storageKey : upload.thumbnailKey);
    if (!object) throw AppException.notFound('图片不存在');
    return { ...object, etag: `"${upload.sha256.slice(0, 32)}${variant === 'thumbnail' ? '-t' : ''}"`, public: isPublic };
  }

  /**
   * The uploads with these ids, in the given order, all uploaded by `ownerUserId`; 400 otherwise. Call it
   * with the manager of the transaction that will attach them.
   */
  async requireOwned(manager: EntityManager, ownerUserId: string, ids: string[]): Promise<UploadEntity[]> {
    if (ids.length === 0) return [];
    if (new Set(ids).size !== ids.length) throw AppException.badRequest('同一张照片不能重复添加', ErrorCode.UploadInvalid);
    const found = ids.every((id) => UUID.test(id)) ? await manager.findBy(UploadEntity, { id: In(ids) }) : [];
    const byId = new Map(found.filter((u) => u.ownerId === ownerUserId).map((u) => [u.id, u]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length) {
      throw AppException.badRequest(
        '照片不存在或不是你上传的，请重新上传',
        ErrorCode.UploadInvalid,
        missing.map((id) => ({ path: 'photoIds', message: '照片不存在或不是你上传的', id })),
      );
    }
    return ids.map((id) => byId.get(id)!);
  }

  /**
   * Marks uploads as belonging to `target` (`<kind>:<id>`). Attaching again to the same target is a no-op; an
   * upload already attached elsewhere is a 409. Checks ownership separately (requireOwned).
   */
  async attach(manager: EntityManager, ids: string[], target: string): Promise<UploadEntity[]> {
    if (!TARGET.test(target)) throw new Error(`invalid upload target: ${target}`);
    if (ids.length === 0) return [];
    const unique = [...new Set(ids)];
    const rows = unique.every((id) => UUID.test(id)) ? await manager.findBy(UploadEntity, { id: In(unique) }) : [];
    if (rows.length !== unique.length) throw AppException.badRequest('照片不存在，请重新上传', ErrorCode.UploadInvalid);
    if (rows.some((u) => u.attachedTo !== null && u.attachedTo !== target)) throw inUse();
    const free = rows.filter((u) => u.attachedTo === null).map((u) => u.id);
    if (free.length) {
      // Conditional on still being free, so two requests racing for the same photo cannot both win.
      const result = await manager.update(UploadEntity, { id: In(free), attachedTo: IsNull() }, { attachedTo: target });
      if (result.affected !== undefined && result.affected !== free.length) throw inUse();
    }
    for (const row of rows) row.attachedTo = target;
    const byId = new Map(rows.map((u) => [u.id, u]));
    return ids.map((id) => byId.get(id)!);
  }

  /**
   * Makes `ids` exactly the uploads attached to `target` (an edit replacing a set of photos): the ones left out
   * are freed, the new ones attached. Checks ownership separately (requireOwned).
   */
  async replaceAttached(manager: EntityManager, ids: string[], target: string): Promise<UploadEntity[]> {
    if (!TARGET.test(target)) throw new Error(`invalid upload target: ${target}`);
    const kept = ids.length ? { attachedTo: target, id: Not(In(ids)) } : { attachedTo: target };
    await manager.update(UploadEntity, kept, { attachedTo: null });
    return this.attach(manager, ids, target);
  }

  /**
   * Photos attached to each target (`wish:<id>`, `project-update:<id>` …), in upload order. `signed`: the caller
   * checked that the reader may see the targets, which are not public; the links then carry a signature.
   */
  async photosOf(targets: string[], manager: EntityManager = this.dataSource.manager, signed = false): Promise<Map<string, PublicUrls[]>> {
    const map = new Map<string, PublicUrls[]>();
    if (!targets.length) return map;
    const rows = await findByColumnIn(manager, UploadEntity, 'attachedTo', targets, { select: ['id', 'attachedTo', 'createdAt'], orderAsc: ['createdAt', 'id'] });
    for (const row of rows) {
      const list = map.get(row.attachedTo!) ?? [];
      list.push(signed ? this.signedUrls(row) : this.publicUrls(row));
      map.set(row.attachedTo!, list);
    }
    return map;
  }

  publicUrls(upload: { id: string }): PublicUrls {
    return { id: upload.id, url: `/api/uploads/${upload.id}`, thumbnailUrl: `/api/uploads/${upload.id}/thumbnail` };
  }

  /** Links that work for SIGNED_URL_SECONDS whatever the target's state: only for readers allowed to see it. */
  signedUrls(upload: { id: string }): PublicUrls {
    const expires = Math.floor(this.clock.now().getTime() / 1000) + SIGNED_URL_SECONDS;
    const query = `?e=${expires}&s=${this.signature(upload.id, expires)}`;
    return { id: upload.id, url: `/api/uploads/${upload.id}${query}`, thumbnailUrl: `/api/uploads/${upload.id}/thumbnail${query}` };
  }

  private toResult(upload: UploadEntity): Upload {
    return {
      // Not attached yet, so not public: the uploader previews it through a signed link.
      ...this.signedUrls(upload),
      width: upload.width,
      height: upload.height,
      bytes: upload.bytes,
      contentType: upload.contentType,
    };
  }

  /** The ids of the photos a user uploaded, for their own download (PIPL). */
  async idsOwnedBy(userId: string): Promise<string[]> {
    const rows = await this.dataSource.getRepository(UploadEntity).find({ where: { ownerId: userId }, select: ['id'], order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((u) => u.id);
  }
}

function inUse() {
  return AppException.conflict('照片已用于其他内容，请重新上传', ErrorCode.UploadInUse);
}

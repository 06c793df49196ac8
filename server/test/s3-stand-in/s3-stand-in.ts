/**
 * A local S3-compatible server (s3rver) on 127.0.0.1 and a random port, for tests of the `s3` storage driver.
 *
 * The production S3Storage runs unchanged against it with path-style addressing: pass `s3EnvFor(standIn)` as
 * the app's env. It requires a signed request from its built-in access key id `S3RVER` (an unknown id gets
 * InvalidAccessKeyId) but does not verify Signature V4 itself, so a wrong secret goes unnoticed here. The bucket exists from the start; objects live in a temporary directory removed on close.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3StandInPut {
  key: string;
  size: number;
}

export interface S3StandIn {
  /** e.g. http://127.0.0.1:40123, to use as S3_ENDPOINT. */
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Every object written, in order. */
  puts: S3StandInPut[];
  close(): Promise<void>;
}

export async function startS3StandIn(options: { bucket?: string } = {}): Promise<S3StandIn> {
  const bucket = options.bucket ?? 'nuancheng-test-1250000000';
  const directory = await mkdtemp(join(tmpdir(), 'nc-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    vhostBuckets: false,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const puts: S3StandInPut[] = [];
  server.on('event', (event: { Records: Array<{ eventName: string; s3: { object: { key: string; size: number } } }> }) => {
    for (const record of event.Records) {
      if (record.eventName.startsWith('ObjectCreated')) puts.push({ key: record.s3.object.key, size: record.s3.object.size });
    }
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    puts,
    async close() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** App environment that points the `s3` storage driver at the stand-in. */
export function s3EnvFor(standIn: S3StandIn): Record<string, string> {
  return {
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: standIn.endpoint,
    S3_REGION: 'ap-guangzhou',
    S3_BUCKET: standIn.bucket,
    S3_ACCESS_KEY_ID: standIn.accessKeyId,
    S3_SECRET_ACCESS_KEY: standIn.secretAccessKey,
    S3_FORCE_PATH_STYLE: 'true',
  };
}

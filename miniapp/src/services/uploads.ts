import type { Upload } from '@nuancheng/shared'
import { uploadFile } from './request'

/** Largest photo the server takes (POST /api/uploads answers 413 above it). */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024

/**
 * Uploads one photo (JPEG/PNG/WebP ≤ 5 MB) chosen with Taro.chooseMedia: a temp path on weapp, a blob: URL on H5.
 * The server strips metadata and makes a thumbnail; attach the returned id to a wish, fulfilment or project update.
 */
export function uploadPhoto(filePath: string, options?: { toast?: boolean }): Promise<Upload> {
  return uploadFile<Upload>('/api/uploads', filePath, { name: 'file', ...options })
}

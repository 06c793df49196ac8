import Taro from '@tarojs/taro'
import type { ExportKind } from '@nuancheng/shared'
import { joinUrl } from './request'
import { getToken } from './token'

/** The export's URL for a kind and a period (YYYY-MM-DD, both inclusive); the caller's own street or region. */
export function exportUrl(kind: ExportKind, from: string, to: string): string {
  return joinUrl(`/api/exports/${kind}.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`)
}

/** The server's Chinese message from an error body (JSON or text). */
async function messageOf(status: number, text: string): Promise<string> {
  try {
    const body = JSON.parse(text) as { message?: string }
    if (body.message) return body.message
  } catch {
    // not JSON
  }
  return status === 429 ? '导出太频繁，请稍后再试' : '导出失败，请稍后重试'
}

/**
 * Downloads and opens the .xlsx. The route needs the bearer token, so on H5 the file is fetched and handed to
 * the browser as a blob download (a plain link would go without it); on weapp Taro.downloadFile carries the
 * header and WeChat's document viewer opens the file (save or forward from its menu).
 */
export async function downloadExport(kind: ExportKind, from: string, to: string, filename: string): Promise<void> {
  const url = exportUrl(kind, from, to)
  const token = getToken()
  const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
  if (process.env.TARO_ENV === 'h5') {
    const response = await fetch(url, { headers })
    if (!response.ok) throw new Error(await messageOf(response.status, await response.text()))
    const blob = await response.blob()
    const href = URL.createObjectURL(blob)
    const a = document.createElement('a')
    a.href = href
    a.download = filename
    document.body.appendChild(a)
    a.click()
    a.remove()
    setTimeout(() => URL.revokeObjectURL(href), 60_000)
    return
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header: headers })
  if (statusCode !== 200) {
    let text = ''
    try {
      text = String(Taro.getFileSystemManager().readFileSync(tempFilePath, 'utf8'))
    } catch {
      // unreadable
    }
    throw new Error(await messageOf(statusCode, text))
  }
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'xlsx', showMenu: true })
}

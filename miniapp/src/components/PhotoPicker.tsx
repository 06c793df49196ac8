import { useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { WishPhoto } from '@nuancheng/shared'
import { ensureConsent } from '../services/consents'
import { errorMessage, joinUrl } from '../services/request'
import { PrivacyGate } from './PrivacyGate'
import { MAX_UPLOAD_BYTES, uploadPhoto } from '../services/uploads'

interface Item {
  key: string
  /** weapp temp path or H5 blob: URL, for the preview. */
  local: string
  status: 'uploading' | 'done' | 'error'
  uploadId?: string
  error?: string
}

export interface PhotoPickerState {
  /** Ids of the uploaded photos, in order. */
  ids: string[]
  /** Something is still uploading. */
  busy: boolean
  /** Photos that failed to upload (tap to retry, or remove). */
  failed: number
}

let seq = 0

/**
 * Choose up to `max` photos; each is uploaded (POST /api/uploads) as soon as it is chosen. The parent gets the
 * uploaded ids through `onChange` and should not submit while `busy`.
 * Classes for tests: .photo-picker__add, .photo-picker__item--done / --uploading / --error.
 */
export function PhotoPicker({
  max,
  onChange,
  id,
  initial = []
}: {
  max: number
  onChange: (state: PhotoPickerState) => void
  id?: string
  /** Photos already saved (editing a wish): shown first, removable like new ones. */
  initial?: WishPhoto[]
}) {
  const [items, setItems] = useState<Item[]>(() =>
    initial.map((p) => ({ key: `p${++seq}`, local: joinUrl(p.thumbnailUrl), status: 'done', uploadId: p.id }))
  )
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  useEffect(() => {
    onChangeRef.current({
      ids: items.filter((i) => i.status === 'done' && i.uploadId).map((i) => i.uploadId!),
      busy: items.some((i) => i.status === 'uploading'),
      failed: items.filter((i) => i.status === 'error').length
    })
  }, [items])

  const patch = (key: string, next: Partial<Item>) => setItems((list) => list.map((i) => (i.key === key ? { ...i, ...next } : i)))

  const send = async (key: string, local: string) => {
    patch(key, { status: 'uploading', error: undefined })
    try {
      const upload = await uploadPhoto(local, { toast: false })
      patch(key, { status: 'done', uploadId: upload.id })
    } catch (e) {
      patch(key, { status: 'error', error: errorMessage(e, '上传失败') })
    }
  }

  const choose = async () => {
    const room = max - items.length
    if (room <= 0) return
    // PIPL: the first pick asks for consent to the photos scope (H5: our sheet; weapp: WeChat's flow).
    if (!(await ensureConsent('photos'))) return
    let files: { tempFilePath: string; size: number }[]
    try {
      const res = await Taro.chooseMedia({
        count: room,
        mediaType: ['image'],
        sizeType: ['compressed'],
        // H5: straight to the file picker (no 拍摄/相册 sheet); weapp offers both.
        sourceType: process.env.TARO_ENV === 'h5' ? ['album'] : ['album', 'camera']
      })
      files = res.tempFiles
    } catch {
      return // cancelled
    }
    const tooBig = files.filter((f) => f.size > MAX_UPLOAD_BYTES).length
    if (tooBig) Taro.showToast({ title: `有 ${tooBig} 张图片超过 5 MB，已跳过`, icon: 'none' })
    const chosen = files
      .filter((f) => f.size <= MAX_UPLOAD_BYTES)
      .slice(0, room)
      .map((f): Item => ({ key: `p${++seq}`, local: f.tempFilePath, status: 'uploading' }))
    if (chosen.length === 0) return
    setItems((list) => [...list, ...chosen])
    // One at a time: gentler on a phone's uplink, and the order stays the order chosen.
    for (const item of chosen) await send(item.key, item.local)
  }

  const tap = (item: Item) => {
    if (item.status === 'error') void send(item.key, item.local)
    else Taro.previewImage({ urls: items.map((i) => i.local), current: item.local })
  }

  const remove = (key: string) => setItems((list) => list.filter((i) => i.key !== key))

  return (
    <View className='photo-picker' id={id}>
      {items.map((item) => (
        <View key={item.key} className={`photo-picker__item photo-picker__item--${item.status}`} onClick={() => tap(item)}>
          <Image className='photo-picker__img' src={item.local} mode='aspectFill' />
          {item.status === 'uploading' ? <Text className='photo-picker__state'>上传中…</Text> : null}
          {item.status === 'error' ? (
            <Text className='photo-picker__state photo-picker__state--error'>{item.error ?? '上传失败'}，点击重试</Text>
          ) : null}
          {item.status !== 'uploading' ? (
            <View
              className='photo-picker__remove'
              onClick={(e) => {
                e.stopPropagation()
                remove(item.key)
              }}
            >
              <Text>×</Text>
            </View>
          ) : null}
        </View>
      ))}
      {items.length < max ? (
        <View className='photo-picker__add' hoverClass='photo-picker__add--hover' onClick={choose}>
          <Text className='photo-picker__plus'>+</Text>
          <Text className='photo-picker__count'>
            {items.length}/{max}
          </Text>
        </View>
      ) : null}
      <PrivacyGate />
    </View>
  )
}

import { useEffect, useRef } from 'react'
import { Canvas as TaroCanvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Axis, Canvas, Chart, Interval, Legend, Line, Point, jsx } from '@antv/f2'
import type { CanvasProps } from '@antv/f2'

/** One row of a chart: x (a month or a label), the series it belongs to and its value. */
export interface ChartRow {
  x: string
  series: string
  value: number
}

interface Props {
  id: string
  kind: 'bar' | 'line'
  rows: ChartRow[]
  /** What the chart shows, read out instead of the drawing (the table below gives the numbers). */
  label: string
  height?: number
}

// F2's element types are generic over each geometry's record; the rows here are plain, so build the tree untyped.
const h = jsx as unknown as (type: unknown, props: Record<string, unknown>) => { props: CanvasProps }

const COLORS = ['#c8161d', '#1f6fb2', '#067a3d', '#8a5a00']

/**
 * @antv/f2 on a Taro canvas: in the mini-program a `type="2d"` canvas node from a selector query (its 2d context
 * is what F2 draws on); on H5 the <canvas> Taro renders inside the component. Lives in the supervision subpackage
 * only, so the main package never carries F2.
 */
export function F2Chart({ id, kind, rows, label, height = 220 }: Props) {
  const chart = useRef<Canvas | null>(null)
  useEffect(() => {
    let cancelled = false
    const draw = (context: CanvasRenderingContext2D, width: number, pixelRatio: number) => {
      if (cancelled) return
      const series = [...new Set(rows.map((r) => r.series))]
      const geometry =
        kind === 'bar'
          ? h(Interval, { x: 'x', y: 'value', color: { field: 'series', range: COLORS }, adjust: series.length > 1 ? 'dodge' : undefined })
          : [
              h(Line, { x: 'x', y: 'value', color: { field: 'series', range: COLORS } }),
              h(Point, { x: 'x', y: 'value', color: { field: 'series', range: COLORS } })
            ]
      const element = h(Canvas, {
        context,
        pixelRatio,
        width,
        height,
        animate: false,
        children: h(Chart, {
          data: rows,
          scale: { value: { min: 0, nice: true }, x: { type: 'cat' } },
          children: [
            h(Axis, { field: 'x', style: { label: { fontSize: 10, fill: '#1f1f1f' } } }),
            h(Axis, { field: 'value', style: { label: { fontSize: 10, fill: '#1f1f1f' } } }),
            ...(Array.isArray(geometry) ? geometry : [geometry]),
            ...(series.length > 1 ? [h(Legend, { position: 'top', style: { justifyContent: 'flex-start' } })] : [])
          ]
        })
      })
      chart.current?.destroy()
      chart.current = new Canvas(element.props)
      void chart.current.render()
    }
    const timer = setTimeout(() => {
      if (process.env.TARO_ENV === 'h5') {
        const host = document.getElementById(id)
        const canvas = (host?.tagName === 'CANVAS' ? host : host?.querySelector('canvas')) as HTMLCanvasElement | null
        if (!canvas) return
        const width = canvas.parentElement?.clientWidth || canvas.clientWidth || 320
        const ratio = window.devicePixelRatio || 1
        canvas.style.width = `${width}px`
        canvas.style.height = `${height}px`
        canvas.width = width * ratio
        canvas.height = height * ratio
        const context = canvas.getContext('2d')
        if (context) draw(context, width, ratio)
        return
      }
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec(
          (
            res: Array<{ node?: { width: number; height: number; getContext: (t: '2d') => CanvasRenderingContext2D }; width: number; height: number }>
          ) => {
            const node = res?.[0]?.node
            if (!node) return
            const ratio = Taro.getSystemInfoSync().pixelRatio
            node.width = res[0].width * ratio
            node.height = res[0].height * ratio
            draw(node.getContext('2d'), res[0].width, ratio)
          }
        )
    }, 50)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
  }, [id, kind, rows, height])
  useEffect(() => () => chart.current?.destroy(), [])
  return (
    <View className='f2-chart' ariaRole='img' ariaLabel={label}>
      <TaroCanvas type='2d' id={id} canvasId={id} className='f2-chart__canvas' style={{ width: '100%', height: `${height}px` }} />
    </View>
  )
}

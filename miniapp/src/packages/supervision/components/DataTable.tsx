import { Text, View } from '@tarojs/components'

interface Props {
  id: string
  caption: string
  columns: string[]
  rows: Array<Array<string | number>>
}

/** The plain table under a chart (and for the figures that have no chart): what a screen reader reads. */
export function DataTable({ id, caption, columns, rows }: Props) {
  return (
    <View className='data-table' id={id}>
      <Text className='data-table__caption'>{caption}</Text>
      <View ariaRole='table' ariaLabel={caption}>
        <View className='data-table__row data-table__row--head' ariaRole='row'>
          {columns.map((c) => (
            <View key={c} className='data-table__cell' ariaRole='columnheader'>
              <Text className='data-table__text'>{c}</Text>
            </View>
          ))}
        </View>
        {rows.map((r, i) => (
          <View key={i} className='data-table__row' ariaRole='row'>
            {r.map((v, j) => (
              <View key={j} className={`data-table__cell ${j > 0 ? 'data-table__cell--num' : ''}`} ariaRole={j === 0 ? 'rowheader' : 'cell'}>
                <Text className='data-table__text'>{v}</Text>
              </View>
            ))}
          </View>
        ))}
      </View>
      {rows.length === 0 ? <Text className='data-table__empty'>暂无数据</Text> : null}
    </View>
  )
}

import type { ReactNode } from 'react'
import { Cell } from './Cell'
import { go } from '../utils/navigation'

/** One row of a workbench: a title and a line under it, opening a page (`to`) or doing something (`onClick`). */
export interface LinkCellItem {
  id?: string
  title: string
  desc: string
  /** A badge or a short value on the right. */
  value?: ReactNode
  to?: string
  onClick?: () => void
}

/** Workbench entry rows from a list (put inside <CellGroup>); subpackages only, so the main package stays small. */
export function LinkCells({ items }: { items: LinkCellItem[] }) {
  return (
    <>
      {items.map((item) => (
        <Cell
          key={item.id ?? item.title}
          id={item.id}
          title={item.title}
          desc={item.desc}
          value={item.value}
          link
          onClick={item.onClick ?? (() => item.to && go(item.to))}
        />
      ))}
    </>
  )
}

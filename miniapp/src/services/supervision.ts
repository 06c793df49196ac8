import type { Board, TodoCounts } from '@nuancheng/shared'
import { get } from './request'

/** 件件有着落: every open item of my street (or, with `regionId`, a street, district or the city I cover). */
export function fetchBoard(regionId?: string): Promise<Board> {
  return get<Board>('/api/supervision/board', { data: regionId ? { regionId } : {}, toast: false })
}

/** 待办: what waits for me on each of my workbenches, counted by kind (a failed count shows nothing: toast off). */
export function fetchTodoCounts(): Promise<TodoCounts> {
  return get<TodoCounts>('/api/me/todo-counts', { toast: false })
}

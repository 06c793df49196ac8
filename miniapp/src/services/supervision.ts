import type { Board, Dashboard, TodoCounts } from '@nuancheng/shared'
import { get } from './request'

/** 件件有着落: every open item of my street (or, with `regionId`, a street, district or the city I cover). */
export function fetchBoard(regionId?: string): Promise<Board> {
  return get<Board>('/api/supervision/board', { data: regionId ? { regionId } : {}, toast: false })
}

/** 待办: what waits for me on each of my workbenches, counted by kind (a failed count shows nothing: toast off). */
export function fetchTodoCounts(): Promise<TodoCounts> {
  return get<TodoCounts>('/api/me/todo-counts', { toast: false })
}

/** 督导看板: my street (or a street, district or the city I cover) for a year (this year by default). */
export function fetchDashboard(regionId?: string, year?: string): Promise<Dashboard> {
  return get<Dashboard>('/api/supervision/dashboard', { data: { ...(regionId ? { regionId } : {}), ...(year ? { year } : {}) }, toast: false })
}

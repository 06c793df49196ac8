import { Text } from '@tarojs/components'
import type { SupervisionActor, SupervisionItemKind, TodoCounts } from '@nuancheng/shared'
import { useAsync } from '../hooks/useAsync'
import { useReshow } from '../hooks/useReshow'
import { fetchTodoCounts } from '../services/supervision'

/** 待办 counts of my workbenches, reloaded whenever the page shows again (null until loaded or when it failed). */
export function useTodoCounts(): TodoCounts | null {
  const todo = useAsync('todo-counts', fetchTodoCounts)
  useReshow(todo.reload)
  return todo.status === 'success' ? todo.data : null
}

/** How many items of these kinds wait for `role`. */
export function todoCount(todo: TodoCounts | null, role: SupervisionActor, kinds?: readonly SupervisionItemKind[]): number {
  const row = todo?.roles.find((r) => r.role === role)
  if (!row) return 0
  return kinds ? row.kinds.filter((k) => kinds.includes(k.kind)).reduce((n, k) => n + k.count, 0) : row.total
}

/** A count in words as well as colour ("待办 3"); nothing when none waits. */
export function TodoBadge({ count, id }: { count: number; id?: string }) {
  if (!count) return null
  return (
    <Text className='nc-badge' id={id} aria-label={`${count} 项待办`}>
      待办 {count}
    </Text>
  )
}

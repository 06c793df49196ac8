import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { AuditEntry } from '@nuancheng/shared'
import { AUDIT_ACTION_FILTERS, AUDIT_ACTION_LABELS, AUDIT_RESULT_LABELS } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useAsync } from '../../../../hooks/useAsync'
import { fetchAuditLog } from '../../../../services/audit'
import { formatDateTime } from '../../../../utils/format'
import { roleLabel } from '../../../../utils/roles'
import './index.scss'

const ALL = 'all'
const OPTIONS = [ALL, ...AUDIT_ACTION_FILTERS.map((f) => f.action)]
const LABELS: Record<string, string> = { [ALL]: '全部', ...Object.fromEntries(AUDIT_ACTION_FILTERS.map((f) => [f.action, f.label])) }
// Refusals and failures stand out (the theme's red); what went through is gray.
const TONES: Record<string, string> = { ok: 'nc-tag--gray', refused: '', error: '' }

function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action
}

function Entry({ e }: { e: AuditEntry }) {
  return (
    <View className='audit-entry' data-action={e.action}>
      <View className='audit-entry__head'>
        <Text>{actionLabel(e.action)}</Text>
        {e.result ? <Text className={`nc-tag ${TONES[e.result] ?? ''}`}>{AUDIT_RESULT_LABELS[e.result]}</Text> : null}
      </View>
      <View className='audit-entry__line'>
        {formatDateTime(e.at)} · {e.action}
      </View>
      <View className='audit-entry__line'>
        操作人：{e.actorId ? `${e.actorId.slice(0, 8)}…` : '系统'}
        {e.role ? ` · ${e.role.split(',').map(roleLabel).join('、')}` : ''}
        {e.scopeName ? ` · ${e.scopeName}` : ''}
      </View>
      <View className='audit-entry__line'>
        对象：{e.subjectType}
        {e.subjectId ? ` ${e.subjectId.slice(0, 8)}…` : ''}
      </View>
      {e.fields.length ? <View className='audit-entry__line'>查看字段：{e.fields.join('、')}</View> : null}
      {e.reason ? <View className='audit-entry__line audit-entry__reason'>原因：{e.reason}</View> : null}
      <View className='audit-entry__line'>来源：{e.ip ?? '未知'}</View>
    </View>
  )
}

function AuditList() {
  const [action, setAction] = useState<string>(ALL)
  const [pages, setPages] = useState(1)
  const query = action === ALL ? {} : { action }
  const list = useAsync(`audit:${action}:${pages}`, () => fetchAuditLog({ ...query, pageSize: 20 * pages }))

  const choose = (value: string) => {
    setAction(value)
    setPages(1)
  }

  return (
    <View>
      <Chips id='audit-filter' options={OPTIONS} value={action} onChange={choose} labels={LABELS} />
      {list.status === 'loading' ? <StateView type='loading' title='正在加载…' /> : null}
      {list.status === 'error' ? (
        <StateView type='error' title='加载失败' message={list.error.message} actionText='重新加载' onAction={list.reload} />
      ) : null}
      {list.status === 'success' && list.data.items.length === 0 ? (
        <StateView type='empty' title='没有符合条件的记录' message='换一个筛选条件试试' />
      ) : null}
      {list.status === 'success' && list.data.items.length > 0 ? (
        <View id='audit-list'>
          <View className='audit-entry__line audit-more'>共 {list.data.total} 条记录</View>
          {list.data.items.map((e) => (
            <Entry key={e.id} e={e} />
          ))}
          {list.data.total > list.data.items.length && pages < 2 ? (
            <View className='audit-more'>
              <NcButton id='audit-more' type='default' onClick={() => setPages((p) => p + 1)}>
                加载更多
              </NcButton>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}

/** 审计日志: who did what to which record, and every read of residents' personal data (city committee admins). */
export default function AuditListPage() {
  return <SignedInPage className='audit-page'>{() => <AuditList />}</SignedInPage>
}

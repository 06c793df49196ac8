import { Text, View } from '@tarojs/components'
import { WISH_CONSENT_VERSION } from '@nuancheng/shared/constants'
import { useCareMode } from '../../../../hooks/useCareMode'
import './index.scss'

/** What the post form's separate consent covers (PIPL art. 28–30): which sensitive fields, why, who sees them, how long, your rights. */
const SECTIONS: ReadonlyArray<readonly [string, string]> = [
  [
    '一、处理哪些敏感个人信息',
    '为办理微心愿，我们处理受助人的姓名、联系电话（手机、带区号的固定电话或家属电话）、送达地址、困难类别（如低保、特困、残疾），受助人未满 14 周岁时还有监护人姓名。'
  ],
  ['二、为什么处理', '仅用于社区审核心愿、认领人联系受助人并送达物品、社区核实圆梦情况和上级督办。不用于其他目的，不出售、不向无关的人提供。'],
  [
    '三、谁能看到',
    '心愿墙只显示受助人的姓氏（如：王**）、所在社区和心愿内容，以及心愿照片和圆梦照片。姓名、电话和送达地址仅本社区工作人员和认领人（认领后）可见；困难类别仅本社区工作人员可见；圆梦说明、异议原因仅受助人、认领人和本社区工作人员可见。街道、工委的工作人员确需查看时须说明原因，每次查看都记入审计日志。'
  ],
  [
    '四、怎样保护',
    '姓名、电话、送达地址和困难类别加密保存；未公开的心愿（待审核、未通过、已撤回）的照片不对外提供。每次查看受助人或认领人联系方式都有记录。'
  ],
  ['五、保存多久', '心愿办结后按规定期限保存，期满后受助人信息匿名化处理，只保留不含身份的统计数据。'],
  [
    '六、您的权利',
    '您可以在“我的 → 隐私与授权”查看和撤回您给出的授权，在“我的 → 个人信息”下载我们保存的关于您的信息，或注销账号（受助人信息将被清除，心愿记录匿名保留）。有疑问可联系所在社区。'
  ],
  ['七、未成年人', '受助人未满 14 周岁的，须经监护人同意后方可发布心愿。']
]

/** 《敏感个人信息处理规则》: opened from the post form's consent; readable without signing in. */
export default function RulesPage() {
  const careMode = useCareMode()
  return (
    <View className={`nc-page rules ${careMode.rootClass}`} style={careMode.rootStyle} id='sensitive-rules'>
      <Text className='rules__title'>暖城微心愿敏感个人信息处理规则</Text>
      <Text className='rules__version' id='rules-version'>
        版本 {WISH_CONSENT_VERSION}
      </Text>
      {SECTIONS.map(([heading, text]) => (
        <View key={heading}>
          <Text className='rules__heading'>{heading}</Text>
          <Text className='rules__text'>{text}</Text>
        </View>
      ))}
    </View>
  )
}

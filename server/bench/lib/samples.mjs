// Sample wishes and hardship categories for the bench's databases (the city generator and part 1's fixtures).
// The generator's output depends on their order and length: change them only with a new generator version.

/** [title, category, description] */
export const WISH_SAMPLES = [
  ['一台电风扇', '家用电器', '家中老人夏天怕热，想要一台落地电风扇。'],
  ['一个血压计', '医疗健康', '患有高血压，需要在家每天测量血压。'],
  ['冬季棉被两床', '生活用品', '家里被褥单薄，冬天需要厚棉被。'],
  ['一套学习文具', '学习用品', '孩子上小学，需要一套文具和一个书包。'],
  ['一副护膝', '助老助残', '关节炎，冬天出门需要保暖护膝。'],
  ['米面油一份', '生活用品', '家庭困难，希望得到一份米面油。'],
  ['一根四脚拐杖', '助老助残', '走路不稳，需要一根四脚拐杖。'],
  ['一盏护眼台灯', '学习用品', '孩子上初中，晚上写作业光线不好。'],
  ['一台电暖器', '家用电器', '家里暖气不热，需要一台电暖器。'],
  ['一个收音机', '家用电器', '一个人住，想听广播解闷。'],
  ['一套羽绒服', '生活用品', '冬天没有厚衣服。'],
  ['一副老花镜', '医疗健康', '看不清报纸，想要一副老花镜。'],
];

export const HARDSHIPS = ['低保', '特困', '残疾', '独居老人', '困难学生', '其他'];

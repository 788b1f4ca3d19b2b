import type { Category } from "../schema/world-types"

/**
 * A category's market facts: names, the median price and its spread (log-normal), the hour of
 * day when interest in it peaks, whether weekends lift it, and words for product descriptions.
 */
export interface CategorySpec extends Category {
  medianPrice: number
  priceSpread: number
  peakHour: number
  weekendLift: number
  nounsEn: string[]
  nounsZh: string[]
  brands: string[]
}

/** The 16 built-in categories; a world uses the first `categories` of them. */
export const CATEGORY_SPECS: readonly CategorySpec[] = [
  { id: 0, en: "Women's clothing", zh: "女装", medianPrice: 189, priceSpread: 0.6, peakHour: 21, weekendLift: 0.2, nounsEn: ["dress", "blouse", "skirt", "coat", "cardigan"], nounsZh: ["连衣裙", "衬衫", "半身裙", "大衣", "开衫"], brands: ["Lumière", "Yunshang", "Mira"] },
  { id: 1, en: "Men's clothing", zh: "男装", medianPrice: 169, priceSpread: 0.6, peakHour: 22, weekendLift: 0.15, nounsEn: ["shirt", "jacket", "jeans", "hoodie", "suit"], nounsZh: ["衬衫", "夹克", "牛仔裤", "卫衣", "西装"], brands: ["Northway", "Jinfeng", "Atlas"] },
  { id: 2, en: "Shoes", zh: "鞋靴", medianPrice: 259, priceSpread: 0.5, peakHour: 20, weekendLift: 0.2, nounsEn: ["sneakers", "boots", "loafers", "sandals", "running shoes"], nounsZh: ["运动鞋", "靴子", "乐福鞋", "凉鞋", "跑鞋"], brands: ["Stride", "Buxing", "Pace"] },
  { id: 3, en: "Bags", zh: "箱包", medianPrice: 299, priceSpread: 0.7, peakHour: 21, weekendLift: 0.1, nounsEn: ["handbag", "backpack", "suitcase", "wallet", "tote"], nounsZh: ["手提包", "双肩包", "行李箱", "钱包", "托特包"], brands: ["Carry", "Xingnang", "Voyage"] },
  { id: 4, en: "Beauty", zh: "美妆", medianPrice: 129, priceSpread: 0.6, peakHour: 22, weekendLift: 0.1, nounsEn: ["lipstick", "serum", "face cream", "mascara", "sunscreen"], nounsZh: ["口红", "精华液", "面霜", "睫毛膏", "防晒霜"], brands: ["Glow", "Meiyan", "Petal"] },
  { id: 5, en: "Electronics", zh: "数码", medianPrice: 899, priceSpread: 0.9, peakHour: 20, weekendLift: 0.25, nounsEn: ["headphones", "smartwatch", "power bank", "tablet", "camera"], nounsZh: ["耳机", "智能手表", "充电宝", "平板电脑", "相机"], brands: ["Voltix", "Shuma", "Pixelon"] },
  { id: 6, en: "Home", zh: "家居", medianPrice: 159, priceSpread: 0.8, peakHour: 19, weekendLift: 0.3, nounsEn: ["lamp", "cushion", "bed sheet", "storage box", "curtain"], nounsZh: ["台灯", "靠垫", "床单", "收纳盒", "窗帘"], brands: ["Hearth", "Jiayuan", "Nest"] },
  { id: 7, en: "Kitchen", zh: "厨具", medianPrice: 139, priceSpread: 0.7, peakHour: 18, weekendLift: 0.2, nounsEn: ["frying pan", "knife set", "rice cooker", "kettle", "mug"], nounsZh: ["平底锅", "刀具套装", "电饭煲", "水壶", "马克杯"], brands: ["Chef", "Chuyi", "Ember"] },
  { id: 8, en: "Sports", zh: "运动", medianPrice: 199, priceSpread: 0.7, peakHour: 7, weekendLift: 0.35, nounsEn: ["yoga mat", "dumbbells", "tennis racket", "sports bra", "cycling jersey"], nounsZh: ["瑜伽垫", "哑铃", "网球拍", "运动内衣", "骑行服"], brands: ["Kinetic", "Yundong", "Apex"] },
  { id: 9, en: "Books", zh: "图书", medianPrice: 49, priceSpread: 0.5, peakHour: 22, weekendLift: 0.25, nounsEn: ["novel", "cookbook", "history book", "comic", "textbook"], nounsZh: ["小说", "菜谱", "历史书", "漫画", "教材"], brands: ["Page", "Shuxiang", "Quill"] },
  { id: 10, en: "Toys", zh: "玩具", medianPrice: 99, priceSpread: 0.7, peakHour: 20, weekendLift: 0.4, nounsEn: ["building blocks", "puzzle", "plush toy", "board game", "model car"], nounsZh: ["积木", "拼图", "毛绒玩具", "桌游", "模型车"], brands: ["Joy", "Wanju", "Tinker"] },
  { id: 11, en: "Food", zh: "食品", medianPrice: 59, priceSpread: 0.6, peakHour: 12, weekendLift: 0.1, nounsEn: ["tea", "coffee beans", "snack box", "dried fruit", "chocolate"], nounsZh: ["茶叶", "咖啡豆", "零食礼盒", "果干", "巧克力"], brands: ["Harvest", "Shiwei", "Savor"] },
  { id: 12, en: "Baby", zh: "母婴", medianPrice: 149, priceSpread: 0.7, peakHour: 14, weekendLift: 0.1, nounsEn: ["stroller", "diapers", "baby bottle", "onesie", "baby carrier"], nounsZh: ["婴儿车", "纸尿裤", "奶瓶", "连体衣", "背带"], brands: ["Cradle", "Muying", "Bloom"] },
  { id: 13, en: "Pets", zh: "宠物", medianPrice: 89, priceSpread: 0.7, peakHour: 19, weekendLift: 0.2, nounsEn: ["cat food", "dog leash", "pet bed", "cat litter", "chew toy"], nounsZh: ["猫粮", "狗绳", "宠物窝", "猫砂", "磨牙玩具"], brands: ["Paw", "Chongai", "Whisker"] },
  { id: 14, en: "Jewelry", zh: "珠宝", medianPrice: 499, priceSpread: 1.0, peakHour: 21, weekendLift: 0.15, nounsEn: ["necklace", "ring", "earrings", "bracelet", "pendant"], nounsZh: ["项链", "戒指", "耳环", "手链", "吊坠"], brands: ["Aurum", "Zhubao", "Luster"] },
  { id: 15, en: "Outdoor", zh: "户外", medianPrice: 349, priceSpread: 0.8, peakHour: 8, weekendLift: 0.45, nounsEn: ["tent", "hiking boots", "sleeping bag", "trekking poles", "rain jacket"], nounsZh: ["帐篷", "登山鞋", "睡袋", "登山杖", "冲锋衣"], brands: ["Summit", "Huwai", "Trail"] },
]

/** Adjectives for generated descriptions, paired English/Chinese, split by price tier (budget, mid, premium). */
export const ADJECTIVES: readonly (readonly [string, string])[][] = [
  [["practical", "实用"], ["lightweight", "轻便"], ["affordable", "实惠"], ["simple", "简约"]],
  [["comfortable", "舒适"], ["stylish", "时尚"], ["durable", "耐用"], ["classic", "经典"]],
  [["premium", "高端"], ["handcrafted", "手工"], ["luxurious", "奢华"], ["limited-edition", "限量"]],
]

/** Selling points appended to descriptions, paired English/Chinese. */
export const FEATURES: readonly (readonly [string, string])[] = [
  ["with fast delivery", "快速发货"],
  ["easy to clean", "易于清洁"],
  ["a perfect gift", "送礼佳品"],
  ["new season design", "新季设计"],
  ["eco-friendly materials", "环保材质"],
  ["best seller", "热销爆款"],
  ["for everyday use", "日常必备"],
  ["with a one-year warranty", "一年质保"],
]

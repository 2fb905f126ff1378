package io.matchstream.events;

/**
 * National vocational skill level (国家职业资格 / 职业技能等级), from none up to 高级技师. {@link #rank()}
 * grows with the level: NONE 0 … LEVEL_1 5.
 */
public enum CertificateLevel {
  NONE(0, "无"),
  /** 五级 / 初级工. */
  LEVEL_5(1, "五级/初级工"),
  /** 四级 / 中级工. */
  LEVEL_4(2, "四级/中级工"),
  /** 三级 / 高级工. */
  LEVEL_3(3, "三级/高级工"),
  /** 二级 / 技师. */
  LEVEL_2(4, "二级/技师"),
  /** 一级 / 高级技师. */
  LEVEL_1(5, "一级/高级技师");

  private final int rank;
  private final String nameZh;

  CertificateLevel(int rank, String nameZh) {
    this.rank = rank;
    this.nameZh = nameZh;
  }

  /** 0 for NONE up to 5 for 高级技师. */
  public int rank() {
    return rank;
  }

  public String nameZh() {
    return nameZh;
  }
}

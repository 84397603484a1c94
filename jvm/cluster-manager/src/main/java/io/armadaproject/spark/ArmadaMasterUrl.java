package io.armadaproject.spark;

/** The master URLs this cluster manager answers to. */
final class ArmadaMasterUrl {
  static final String ARMADA = "armada://";
  static final String SPARK_ARMADA = "spark+armada://";

  private ArmadaMasterUrl() {}

  static boolean isArmada(String masterURL) {
    return masterURL != null
        && (masterURL.startsWith(ARMADA) || masterURL.startsWith(SPARK_ARMADA));
  }
}

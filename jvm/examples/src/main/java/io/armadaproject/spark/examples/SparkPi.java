package io.armadaproject.spark.examples;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Estimates Pi by throwing random darts at the unit square: {@code SparkPi [slices] [--fail]}.
 *
 * <p>Prints {@code Pi is roughly 3.14...} and exits 0. With {@code --fail} every task throws on
 * purpose, so the job and the driver fail (non-zero exit), for failure tests. Uses only Spark's
 * Java API, so the one jar runs on Spark 3.5 (Scala 2.12) and 4.x (Scala 2.13).
 */
public final class SparkPi {
  private static final int SAMPLES_PER_SLICE = 100_000;

  private SparkPi() {}

  public static void main(String[] args) {
    int slices = 2;
    boolean fail = false;
    for (String arg : args) {
      if (arg.equals("--fail")) {
        fail = true;
      } else {
        try {
          slices = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "SparkPi: unexpected argument \"" + arg + "\"; usage: SparkPi [slices] [--fail]");
        }
        if (slices < 1) {
          throw new IllegalArgumentException("SparkPi: slices must be >= 1, got " + slices);
        }
      }
    }
    final boolean failTasks = fail;
    final int n = slices * SAMPLES_PER_SLICE;
    List<Integer> indexes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) indexes.add(i);

    JavaSparkContext jsc = new JavaSparkContext(new SparkConf().setAppName("SparkPi"));
    try {
      long inside =
          jsc.parallelize(indexes, slices)
              .map(
                  i -> {
                    if (failTasks) {
                      throw new IllegalStateException("SparkPi --fail: failing on purpose");
                    }
                    double x = Math.random() * 2 - 1;
                    double y = Math.random() * 2 - 1;
                    return x * x + y * y <= 1 ? 1L : 0L;
                  })
              .reduce(Long::sum);
      System.out.println("Pi is roughly " + 4.0 * inside / n);
    } finally {
      jsc.stop();
    }
  }
}

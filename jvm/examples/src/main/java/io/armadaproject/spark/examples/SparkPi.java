package io.armadaproject.spark.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Estimates Pi by throwing random darts at the unit square: {@code SparkPi [slices] [--fail]
 * [--task-sleep-ms N]}.
 *
 * <p>Prints {@code Pi is roughly 3.14...} and exits 0. With {@code --fail} every task throws on
 * purpose, so the job and the driver fail (non-zero exit), for failure tests. With {@code
 * --task-sleep-ms N} every task also sleeps N ms, so the application runs long enough for
 * resilience tests to kill an executor while tasks run (the default, 0, does not sleep). Uses
 * only Spark's Java API, so the one jar runs on Spark 3.5 (Scala 2.12) and 4.x (Scala 2.13).
 */
public final class SparkPi {
  private static final int SAMPLES_PER_SLICE = 100_000;

  private SparkPi() {}

  private static long countInside(int samples) {
    Random random = new Random();
    long inside = 0;
    for (int i = 0; i < samples; i++) {
      double x = random.nextDouble() * 2 - 1;
      double y = random.nextDouble() * 2 - 1;
      if (x * x + y * y <= 1) inside++;
    }
    return inside;
  }

  private static long parseSleepMs(String value) {
    try {
      long ms = value == null ? -1 : Long.parseLong(value);
      if (ms >= 0) return ms;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "SparkPi: --task-sleep-ms: \"" + value + "\" is invalid: expected milliseconds >= 0");
  }

  public static void main(String[] args) {
    int slices = 2;
    boolean fail = false;
    long sleepMs = 0;
    for (int a = 0; a < args.length; a++) {
      String arg = args[a];
      if (arg.equals("--fail")) {
        fail = true;
      } else if (arg.equals("--task-sleep-ms")) {
        sleepMs = parseSleepMs(a + 1 < args.length ? args[++a] : null);
      } else if (arg.startsWith("--task-sleep-ms=")) {
        sleepMs = parseSleepMs(arg.substring("--task-sleep-ms=".length()));
      } else {
        try {
          slices = Integer.parseInt(arg);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "SparkPi: unexpected argument \""
                  + arg
                  + "\"; usage: SparkPi [slices] [--fail] [--task-sleep-ms N]");
        }
        if (slices < 1) {
          throw new IllegalArgumentException("SparkPi: slices must be >= 1, got " + slices);
        }
      }
    }
    final boolean failTasks = fail;
    final long taskSleepMs = sleepMs;
    List<Integer> sliceIds = new ArrayList<>(slices);
    for (int i = 0; i < slices; i++) sliceIds.add(i);

    SparkConf conf = new SparkConf();
    if (!conf.contains("spark.app.name")) conf.setAppName("SparkPi");
    JavaSparkContext jsc = new JavaSparkContext(conf);
    System.err.println("SparkPi: application " + jsc.sc().applicationId() + ", " + slices + " slices");
    try {
      // One task per slice, each sampling locally: tasks stay tiny whatever the sample count.
      long inside =
          jsc.parallelize(sliceIds, slices)
              .map(
                  slice -> {
                    if (failTasks) {
                      throw new IllegalStateException("SparkPi --fail: failing on purpose");
                    }
                    if (taskSleepMs > 0) Thread.sleep(taskSleepMs);
                    return countInside(SAMPLES_PER_SLICE);
                  })
              .reduce(Long::sum);
      System.out.println("Pi is roughly " + 4.0 * inside / ((long) slices * SAMPLES_PER_SLICE));
    } finally {
      jsc.stop();
    }
  }
}

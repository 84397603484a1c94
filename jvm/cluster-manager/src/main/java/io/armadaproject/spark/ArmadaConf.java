package io.armadaproject.spark;

import org.apache.spark.SparkConf;

/**
 * The settings the driver side reads, each under its canonical key and the spelling the original
 * armada-spark documentation used (contract A of the project: canonical wins over the alias).
 */
final class ArmadaConf {
  static final String EXECUTOR_INSTANCES = "spark.executor.instances";
  static final String EXECUTOR_INSTANCES_ALIAS = "spark.Executor.instances";
  static final String TRACKER_TIMEOUT = "spark.armada.executor.trackerTimeout";
  static final String TRACKER_TIMEOUT_ALIAS = "spark.armada.Executor.trackerTimeout";
  static final String TRACKER_POLLING_INTERVAL = "spark.armada.executor.trackerPollingInterval";
  static final String TRACKER_POLLING_INTERVAL_ALIAS =
      "spark.armada.Executor.trackerPollingInterval";
  static final String MIN_REGISTERED_RATIO = "spark.scheduler.minRegisteredResourcesRatio";

  /** Spark's own default for static executors (Kubernetes and YARN use it too). */
  static final int DEFAULT_EXECUTOR_INSTANCES = 2;
  /** What Kubernetes uses when the ratio is unset. */
  static final double DEFAULT_MIN_REGISTERED_RATIO = 0.8;

  static final String DEFAULT_TRACKER_TIMEOUT = "300s";
  static final String DEFAULT_TRACKER_POLLING_INTERVAL = "1s";

  final int expectedExecutors;
  final double minRegisteredRatio;
  final long trackerTimeoutMs;
  final long trackerPollingIntervalMs;

  ArmadaConf(SparkConf conf) {
    this.expectedExecutors = readExecutorInstances(conf);
    this.minRegisteredRatio = readRatio(conf);
    this.trackerTimeoutMs =
        readDuration(conf, TRACKER_TIMEOUT, TRACKER_TIMEOUT_ALIAS, DEFAULT_TRACKER_TIMEOUT, 0);
    this.trackerPollingIntervalMs =
        readDuration(
            conf,
            TRACKER_POLLING_INTERVAL,
            TRACKER_POLLING_INTERVAL_ALIAS,
            DEFAULT_TRACKER_POLLING_INTERVAL,
            1);
  }

  /** The smallest number of registered executors that lets the application start. */
  int minimumExecutors() {
    return (int) Math.ceil(minRegisteredRatio * expectedExecutors - 1e-9);
  }

  private static String keyPresent(SparkConf conf, String canonical, String alias) {
    if (conf.contains(canonical)) return canonical;
    if (conf.contains(alias)) return alias;
    return null;
  }

  private static int readExecutorInstances(SparkConf conf) {
    String key = keyPresent(conf, EXECUTOR_INSTANCES, EXECUTOR_INSTANCES_ALIAS);
    if (key == null) return DEFAULT_EXECUTOR_INSTANCES;
    String raw = conf.get(key).trim();
    try {
      int n = Integer.parseInt(raw);
      if (n >= 0) return n;
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        key + ": \"" + raw + "\" is invalid: expected a whole number >= 0");
  }

  private static double readRatio(SparkConf conf) {
    if (!conf.contains(MIN_REGISTERED_RATIO)) return DEFAULT_MIN_REGISTERED_RATIO;
    String raw = conf.get(MIN_REGISTERED_RATIO).trim();
    try {
      double ratio = Double.parseDouble(raw);
      // Spark caps the ratio at 1 (CoarseGrainedSchedulerBackend.minRegisteredRatio).
      if (ratio >= 0) return Math.min(ratio, 1.0);
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        MIN_REGISTERED_RATIO + ": \"" + raw + "\" is invalid: expected a number between 0 and 1");
  }

  private static long readDuration(
      SparkConf conf, String canonical, String alias, String defaultValue, long minMs) {
    String key = keyPresent(conf, canonical, alias);
    if (key == null) return conf.getTimeAsMs(canonical, defaultValue);
    String raw = conf.get(key);
    long ms;
    try {
      ms = conf.getTimeAsMs(key);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          key + ": \"" + raw + "\" is invalid: expected a duration such as 500ms, 30s or 5m", e);
    }
    if (ms < minMs) {
      throw new IllegalArgumentException(
          key + ": \"" + raw + "\" is invalid: expected a duration of at least " + minMs + "ms");
    }
    return ms;
  }
}

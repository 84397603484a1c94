package io.armadaproject.spark;

import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.ExternalClusterManager;
import org.apache.spark.scheduler.SchedulerBackend;
import org.apache.spark.scheduler.TaskScheduler;
import org.apache.spark.scheduler.TaskSchedulerImpl;

/**
 * Spark's entry point for Armada masters, found through {@code META-INF/services}.
 *
 * <p>Claims {@code armada://host:port} and {@code spark+armada://host:port}. The second form exists
 * because stock spark-submit only accepts masters starting with {@code spark}, {@code k8s},
 * {@code yarn} or {@code local}; Spark's runtime treats only {@code spark://} as standalone, so
 * {@code spark+armada://} reaches the external cluster managers.
 */
public final class ArmadaClusterManager implements ExternalClusterManager {

  @Override
  public boolean canCreate(String masterURL) {
    return ArmadaMasterUrl.isArmada(masterURL);
  }

  @Override
  public TaskScheduler createTaskScheduler(SparkContext sc, String masterURL) {
    // The one-argument constructor reads spark.task.maxFailures and keeps isLocal=false, so task
    // retries and speculation behave as Spark documents.
    return new TaskSchedulerImpl(sc);
  }

  @Override
  public SchedulerBackend createSchedulerBackend(
      SparkContext sc, String masterURL, TaskScheduler scheduler) {
    return new ArmadaSchedulerBackend((TaskSchedulerImpl) scheduler, sc);
  }

  @Override
  public void initialize(TaskScheduler scheduler, SchedulerBackend backend) {
    ((TaskSchedulerImpl) scheduler).initialize(backend);
  }
}

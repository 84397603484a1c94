package io.armadaproject.spark;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.TaskSchedulerImpl;
import org.apache.spark.scheduler.cluster.CoarseGrainedSchedulerBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduler backend for static executors: the submitter creates the executor jobs, the executors
 * connect to this driver on their own, and the backend only waits for enough of them.
 *
 * <p>SparkContext's constructor waits in {@code TaskSchedulerImpl.postStartHook} until {@link
 * #isReady()}. Here that means: at least {@code ceil(ratio * expected)} executors registered. A
 * tracker checks every {@code trackerPollingInterval}; when {@code trackerTimeout} passes first,
 * {@link #isReady()} throws, which fails SparkContext initialisation and so the user's main (the
 * driver exits non-zero).
 *
 * <p>Binary compatibility (Spark 3.5/Scala 2.12 and Spark 4.x/Scala 2.13): only members whose
 * signatures are identical in both are overridden; nothing with {@code scala.collection.Seq}, no
 * Spark {@code Logging}.
 */
public class ArmadaSchedulerBackend extends CoarseGrainedSchedulerBackend {
  private static final Logger LOG = LoggerFactory.getLogger(ArmadaSchedulerBackend.class);

  private final SparkContext sc;
  private final ArmadaConf armadaConf;
  private final Object lock = new Object();
  private ScheduledExecutorService tracker;
  private long startedAtNanos;
  private int lastReported = -1;
  private volatile boolean minimumReached;
  private volatile String failure;

  public ArmadaSchedulerBackend(TaskSchedulerImpl scheduler, SparkContext sc) {
    super(scheduler, sc.env().rpcEnv());
    this.sc = sc;
    this.armadaConf = new ArmadaConf(sc.conf());
  }

  @Override
  public void start() {
    super.start();
    LOG.info(
        "Armada: waiting for {} of {} executors (spark.scheduler.minRegisteredResourcesRatio={}),"
            + " trackerTimeout={}ms, trackerPollingInterval={}ms",
        armadaConf.minimumExecutors(),
        armadaConf.expectedExecutors,
        armadaConf.minRegisteredRatio,
        armadaConf.trackerTimeoutMs,
        armadaConf.trackerPollingIntervalMs);
    synchronized (lock) {
      startedAtNanos = System.nanoTime();
      tracker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "armada-executor-tracker");
                t.setDaemon(true);
                return t;
              });
      tracker.scheduleWithFixedDelay(
          this::checkExecutors,
          0,
          armadaConf.trackerPollingIntervalMs,
          TimeUnit.MILLISECONDS);
    }
  }

  /** One tracker tick: note progress, and decide success or failure once. */
  private void checkExecutors() {
    int registered = registeredExecutors();
    int minimum = armadaConf.minimumExecutors();
    synchronized (lock) {
      if (minimumReached || failure != null) return;
      if (registered != lastReported) {
        LOG.info(
            "Armada: {} of {} expected executors registered (minimum {})",
            registered,
            armadaConf.expectedExecutors,
            minimum);
        lastReported = registered;
      }
      if (registered >= minimum) {
        minimumReached = true;
        stopTracker();
        return;
      }
      long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAtNanos);
      if (waitedMs >= armadaConf.trackerTimeoutMs) {
        failure =
            String.format(
                "Armada: only %d of %d expected executors registered within %s=%dms"
                    + " (at least %d needed: %s=%s x %s=%d); failing the application",
                registered,
                armadaConf.expectedExecutors,
                ArmadaConf.TRACKER_TIMEOUT,
                armadaConf.trackerTimeoutMs,
                minimum,
                ArmadaConf.MIN_REGISTERED_RATIO,
                armadaConf.minRegisteredRatio,
                ArmadaConf.EXECUTOR_INSTANCES,
                armadaConf.expectedExecutors);
        LOG.error(failure);
        TerminationMessage.write(failure);
        stopTracker();
      }
    }
  }

  private int registeredExecutors() {
    return totalRegisteredExecutors().get();
  }

  private void stopTracker() {
    synchronized (lock) {
      if (tracker != null) {
        tracker.shutdownNow();
        tracker = null;
      }
    }
  }

  @Override
  public boolean sufficientResourcesRegistered() {
    return registeredExecutors() >= armadaConf.minimumExecutors();
  }

  /**
   * Ready once the minimum registered. Unlike the base class, waiting is bounded by
   * trackerTimeout, not by spark.scheduler.maxRegisteredResourcesWaitingTime, and running out of
   * time is an error rather than a start with too few executors.
   */
  @Override
  public boolean isReady() {
    String failed = failure;
    if (failed != null) throw new IllegalStateException(failed);
    return minimumReached || sufficientResourcesRegistered();
  }

  @Override
  public String applicationId() {
    String id = sc.conf().get("spark.app.id", null);
    return id != null ? id : super.applicationId();
  }

  @Override
  public void stop() {
    stopTracker();
    super.stop();
  }
}

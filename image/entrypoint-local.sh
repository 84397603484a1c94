#!/usr/bin/env bash
# Local stand-in for the official Spark image's entrypoint (apache/spark-docker entrypoint.sh),
# used by the embedded Armada to run a "spark" image's containers as local processes (contract D).
#
#   entrypoint-local.sh driver   <spark-submit args...>   spark-submit in client mode
#   entrypoint-local.sh executor [ignored...]             KubernetesExecutorBackend from SPARK_* env
#   entrypoint-local.sh <command> [args...]               runs the command as is
#
# Environment, besides the container's own (SPARK_DRIVER_BIND_ADDRESS, SPARK_EXECUTOR_*, ...):
#   SPARK_HOME             the local Spark installation (from .spark/homes.json); required
#   ARMADA_SPARK_JARS      colon-separated jars the image has in /opt/spark/jars (ours)
#   ARMADA_DEV_HOSTS_FILE  hosts file every JVM resolves names through (-Djdk.net.hosts.file)
#
# Differences from the image, all because this runs on the host: no tini/gosu; our jars come
# from ARMADA_SPARK_JARS instead of /opt/spark/jars; paths of the image layout (image/Dockerfile)
# in the driver's arguments are mapped to their local files; executors get Spark's Java 17
# module options (the image's JVM gets them from the SPARK_JAVA_OPT_* the plan sets);
# SPARK_LOCAL_IP defaults to the pod's address, which is what a pod's own host name resolves to
# in Kubernetes (here the machine's name resolves to 127.0.0.1, and Spark would otherwise pick
# a non-loopback interface).
set -eo pipefail

if [ -z "${SPARK_HOME:-}" ] || [ ! -x "$SPARK_HOME/bin/spark-submit" ]; then
  echo "entrypoint-local: SPARK_HOME=\"${SPARK_HOME:-}\" is not a Spark installation (expected bin/spark-submit; see .spark/homes.json)" >&2
  exit 127
fi
export SPARK_HOME
PROJECT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ -z "${JAVA_HOME:-}" ]; then
  JAVA_HOME=$(java -XshowSettings:properties -version 2>&1 >/dev/null | grep 'java.home' | awk '{print $3}')
fi

hosts_opts=()
if [ -n "${ARMADA_DEV_HOSTS_FILE:-}" ]; then
  hosts_opts=("-Djdk.net.hosts.file=$ARMADA_DEV_HOSTS_FILE")
fi

# Spark's launcher module options (JavaModuleOptions of Spark 4.1, a superset of 3.5's).
java17_opts=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-modules=jdk.incubator.vector
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  --add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)

# Same classpath as the image: conf dir, Spark's jars (+ ours), extra classpath, working dir.
SPARK_CLASSPATH="$SPARK_CLASSPATH:${SPARK_HOME}/jars/*"
if [ -n "${ARMADA_SPARK_JARS:-}" ]; then
  SPARK_CLASSPATH="$SPARK_CLASSPATH:$ARMADA_SPARK_JARS"
fi
SPARK_EXECUTOR_JAVA_OPTS=()
for v in "${!SPARK_JAVA_OPT_@}"; do
  SPARK_EXECUTOR_JAVA_OPTS+=("${!v}")
done
if [ -n "${SPARK_EXTRA_CLASSPATH:-}" ]; then
  SPARK_CLASSPATH="$SPARK_CLASSPATH:$SPARK_EXTRA_CLASSPATH"
fi
if [ -n "${PYSPARK_PYTHON+x}" ]; then export PYSPARK_PYTHON; fi
if [ -n "${PYSPARK_DRIVER_PYTHON+x}" ]; then export PYSPARK_DRIVER_PYTHON; fi
if [ -n "${HADOOP_CONF_DIR+x}" ]; then
  SPARK_CLASSPATH="$HADOOP_CONF_DIR:$SPARK_CLASSPATH"
fi
if [ -n "${SPARK_CONF_DIR+x}" ]; then
  SPARK_CLASSPATH="$SPARK_CONF_DIR:$SPARK_CLASSPATH"
else
  SPARK_CLASSPATH="$SPARK_HOME/conf:$SPARK_CLASSPATH"
fi
SPARK_CLASSPATH="$SPARK_CLASSPATH:$PWD"

# Maps a path of the image's layout (image/Dockerfile) inside one argument to the local file:
#   /opt/spark/jars/<jar in ARMADA_SPARK_JARS>  -> that jar
#   /opt/spark/examples/armada/<file>           -> examples/python/<file> of this project
map_image_paths() {
  local arg="$1" jar
  if [ -n "${ARMADA_SPARK_JARS:-}" ]; then
    local IFS=:
    for jar in $ARMADA_SPARK_JARS; do
      [ -n "$jar" ] && arg="${arg//\/opt\/spark\/jars\/$(basename "$jar")/$jar}"
    done
  fi
  arg="${arg//\/opt\/spark\/examples\/armada\//$PROJECT_ROOT/examples/python/}"
  printf '%s' "$arg"
}

case "$1" in
  driver)
    shift 1
    if [ -n "${SPARK_DRIVER_BIND_ADDRESS:-}" ]; then
      export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-$SPARK_DRIVER_BIND_ADDRESS}"
    fi
    args=()
    for a in "$@"; do args+=("$(map_image_paths "$a")"); done
    # The launcher puts SPARK_DIST_CLASSPATH on the driver's classpath (as /opt/spark/jars is
    # in the image) and SPARK_SUBMIT_OPTS on the driver JVM's command line.
    if [ -n "${ARMADA_SPARK_JARS:-}" ]; then
      export SPARK_DIST_CLASSPATH="${SPARK_DIST_CLASSPATH:+$SPARK_DIST_CLASSPATH:}$ARMADA_SPARK_JARS"
    fi
    if [ ${#hosts_opts[@]} -gt 0 ]; then
      export SPARK_SUBMIT_OPTS="${SPARK_SUBMIT_OPTS:+$SPARK_SUBMIT_OPTS }${hosts_opts[*]}"
    fi
    exec "$SPARK_HOME/bin/spark-submit" \
      --conf "spark.driver.bindAddress=$SPARK_DRIVER_BIND_ADDRESS" \
      --conf "spark.executorEnv.SPARK_DRIVER_POD_IP=$SPARK_DRIVER_BIND_ADDRESS" \
      --deploy-mode client \
      "${args[@]}"
    ;;
  executor)
    shift 1
    if [ -n "${SPARK_EXECUTOR_POD_IP:-}" ]; then
      export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-$SPARK_EXECUTOR_POD_IP}"
    fi
    exec "${JAVA_HOME}/bin/java" \
      "${java17_opts[@]}" \
      "${hosts_opts[@]}" \
      "${SPARK_EXECUTOR_JAVA_OPTS[@]}" \
      -Xms"$SPARK_EXECUTOR_MEMORY" \
      -Xmx"$SPARK_EXECUTOR_MEMORY" \
      -cp "$SPARK_CLASSPATH:$SPARK_DIST_CLASSPATH" \
      org.apache.spark.scheduler.cluster.k8s.KubernetesExecutorBackend \
      --driver-url "$SPARK_DRIVER_URL" \
      --executor-id "$SPARK_EXECUTOR_ID" \
      --cores "$SPARK_EXECUTOR_CORES" \
      --app-id "$SPARK_APPLICATION_ID" \
      --hostname "$SPARK_EXECUTOR_POD_IP" \
      --resourceProfileId "$SPARK_RESOURCE_PROFILE_ID" \
      --podName "$SPARK_EXECUTOR_POD_NAME"
    ;;
  *)
    # Plain command (e.g. the wait-for-driver init container's `bash -c "exec java ..."`):
    # JAVA_TOOL_OPTIONS reaches any JVM it starts.
    if [ ${#hosts_opts[@]} -gt 0 ]; then
      export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }${hosts_opts[*]}"
    fi
    exec "$@"
    ;;
esac

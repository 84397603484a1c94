"""A recording Armada server built from the official armada-client package's generated servicers.

Listens on 127.0.0.1 (a free port; with `--tls CERT KEY CLIENT_CA` over mutual TLS), prints "LISTENING <port>", then one JSON line per call it
receives: {"method", "authorization", "request": MessageToDict(request)}. Answers:
  Submit.SubmitJobs     job ids "job-<client_id>"; queue "missing" -> PERMISSION_DENIED
                        (as real Armada); job set "invalid" -> INVALID_ARGUMENT
  Submit.CancelJobs     echoes the ids as cancelled; Submit.CancelJobSet -> Empty
  Submit.Health         SERVING; a credential containing "wrong" -> UNAUTHENTICATED (echoing it)
  QueueService.*        CreateQueue/GetQueue over an in-memory set (GetQueue missing -> NOT_FOUND)
  Event.GetJobSetEvents / Event.Watch  a fixed job-set history (see EVENTS); the first stream of
                        a job set named "flaky" fails with UNAVAILABLE after two events
  Jobs.GetJobStatus     sleeps 3 s (to provoke client deadlines), then RUNNING for every id
"""
import json
import sys
import time
from concurrent import futures

import grpc
from google.protobuf import empty_pb2, timestamp_pb2
from google.protobuf.json_format import MessageToDict

from armada_client.armada import (
    event_pb2,
    event_pb2_grpc,
    health_pb2,
    job_pb2,
    job_pb2_grpc,
    submit_pb2,
    submit_pb2_grpc,
)


def record(method, request, context):
    auth = dict(context.invocation_metadata()).get("authorization")
    line = {"method": method, "authorization": auth, "request": MessageToDict(request)}
    sys.stdout.write(json.dumps(line, sort_keys=True) + "\n")
    sys.stdout.flush()


def ts(seconds):
    return timestamp_pb2.Timestamp(seconds=seconds, nanos=0)


def events_for(queue, job_set):
    common = lambda n: dict(job_id="01job", job_set_id=job_set, queue=queue, created=ts(1700000000 + n))  # noqa: E731
    msgs = [
        event_pb2.EventMessage(
            submitted=event_pb2.JobSubmittedEvent(
                job=submit_pb2.Job(id="01job", client_id="c-1", queue=queue, job_set_id=job_set, namespace="default"),
                **common(0),
            )
        ),
        event_pb2.EventMessage(queued=event_pb2.JobQueuedEvent(**common(1))),
        event_pb2.EventMessage(leased=event_pb2.JobLeasedEvent(cluster_id="c1", pool="default", **common(2))),
        event_pb2.EventMessage(
            running=event_pb2.JobRunningEvent(
                cluster_id="c1", kubernetes_id="uid-1", node_name="node-7", pod_number=0,
                pod_name="armada-01job-0", pod_namespace="default", **common(3)
            )
        ),
        event_pb2.EventMessage(
            failed=event_pb2.JobFailedEvent(
                cluster_id="c1", reason="driver exited with code 3", node_name="node-7",
                pod_name="armada-01job-0", pod_namespace="default", cause=event_pb2.OOM,
                container_statuses=[event_pb2.ContainerStatus(name="driver", exitCode=3, reason="OOMKilled", cause=event_pb2.OOM)],
                **common(4),
            )
        ),
    ]
    return [event_pb2.EventStreamMessage(id=f"{i + 1}", message=m) for i, m in enumerate(msgs)]


class Submit(submit_pb2_grpc.SubmitServicer):
    def SubmitJobs(self, request, context):
        record("Submit.SubmitJobs", request, context)
        if request.queue == "missing":
            context.abort(grpc.StatusCode.PERMISSION_DENIED, f'could not find queue "{request.queue}"')
        if request.job_set_id == "invalid":
            context.abort(grpc.StatusCode.INVALID_ARGUMENT, "[createJobs] pod spec: container driver has no memory request")
        return submit_pb2.JobSubmitResponse(
            job_response_items=[submit_pb2.JobSubmitResponseItem(job_id="job-" + i.client_id) for i in request.job_request_items]
        )

    def CancelJobs(self, request, context):
        record("Submit.CancelJobs", request, context)
        return submit_pb2.CancellationResult(cancelled_ids=list(request.job_ids))

    def CancelJobSet(self, request, context):
        record("Submit.CancelJobSet", request, context)
        return empty_pb2.Empty()

    def Health(self, request, context):
        record("Submit.Health", request, context)
        auth = dict(context.invocation_metadata()).get("authorization", "")
        if "wrong" in auth:
            # Echoes the credential, as a careless server might: the client must redact it.
            context.abort(grpc.StatusCode.UNAUTHENTICATED, f"invalid credentials: {auth}")
        return health_pb2.HealthCheckResponse(status=health_pb2.HealthCheckResponse.SERVING)


class Queues(submit_pb2_grpc.QueueServiceServicer):
    def __init__(self):
        self.queues = {}

    def CreateQueue(self, request, context):
        record("QueueService.CreateQueue", request, context)
        if request.name in self.queues:
            context.abort(grpc.StatusCode.ALREADY_EXISTS, f"queue {request.name} already exists")
        self.queues[request.name] = request
        return empty_pb2.Empty()

    def GetQueue(self, request, context):
        record("QueueService.GetQueue", request, context)
        if request.name not in self.queues:
            context.abort(grpc.StatusCode.NOT_FOUND, f"queue {request.name} not found")
        return self.queues[request.name]


class Events(event_pb2_grpc.EventServicer):
    def __init__(self):
        self.flaky_failed = False

    def _stream(self, queue, job_set, from_id, context):
        history = events_for(queue, job_set)
        start = int(from_id) if from_id else 0
        for n, m in enumerate(history[start:]):
            if job_set == "flaky" and not self.flaky_failed and n == 2:
                self.flaky_failed = True
                context.abort(grpc.StatusCode.UNAVAILABLE, "event store restarting")
            yield m

    def GetJobSetEvents(self, request, context):
        record("Event.GetJobSetEvents", request, context)
        yield from self._stream(request.queue, request.id, request.from_message_id, context)

    def Watch(self, request, context):
        record("Event.Watch", request, context)
        yield from self._stream(request.queue, request.job_set_id, request.from_id, context)


class Jobs(job_pb2_grpc.JobsServicer):
    def GetJobStatus(self, request, context):
        record("Jobs.GetJobStatus", request, context)
        time.sleep(3)
        return job_pb2.JobStatusResponse(job_states={i: submit_pb2.RUNNING for i in request.job_ids})


def main():
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8))
    submit_pb2_grpc.add_SubmitServicer_to_server(Submit(), server)
    submit_pb2_grpc.add_QueueServiceServicer_to_server(Queues(), server)
    event_pb2_grpc.add_EventServicer_to_server(Events(), server)
    job_pb2_grpc.add_JobsServicer_to_server(Jobs(), server)
    if len(sys.argv) == 5 and sys.argv[1] == "--tls":
        # --tls CERT KEY CLIENT_CA: TLS, and clients must present a certificate signed by CLIENT_CA.
        read = lambda p: open(p, "rb").read()  # noqa: E731
        creds = grpc.ssl_server_credentials(
            [(read(sys.argv[3]), read(sys.argv[2]))], root_certificates=read(sys.argv[4]), require_client_auth=True
        )
        port = server.add_secure_port("127.0.0.1:0", creds)
    else:
        port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    sys.stdout.write(f"LISTENING {port}\n")
    sys.stdout.flush()
    try:
        sys.stdin.read()  # runs until the test closes our stdin
    finally:
        server.stop(0)


if __name__ == "__main__":
    main()

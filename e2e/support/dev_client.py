"""Conformance scenarios against `armada-spark dev`, driven by the official armada-client.

Usage: dev_client.py <host:port> <scenario> [args...]; prints one JSON object on stdout.
Used by e2e/dev-conformance.test.ts: the server under test is the embedded Armada, the client
is Armada's own Python package over an insecure gRPC channel, unchanged.
"""

import json
import os
import sys
import time

import grpc
from google.protobuf import empty_pb2
from armada_client.armada import binoculars_pb2, binoculars_pb2_grpc, event_pb2, submit_pb2
from armada_client.client import ArmadaClient
from armada_client.k8s.io.api.core.v1 import generated_pb2 as core_v1
from armada_client.k8s.io.apimachinery.pkg.api.resource import generated_pb2 as resource

TERMINAL = {"succeeded", "failed", "cancelled"}


def resources(cpu="100m", memory="64Mi"):
    amounts = {"cpu": resource.Quantity(string=cpu), "memory": resource.Quantity(string=memory)}
    return core_v1.ResourceRequirements(requests=amounts, limits=amounts)


def shell_job(client, script, cpu="100m", annotations=None):
    pod = core_v1.PodSpec(
        containers=[
            core_v1.Container(
                name="main", image="busybox", command=["sh", "-c", script], resources=resources(cpu)
            )
        ]
    )
    return client.create_job_request_item(
        priority=1, namespace="default", pod_spec=pod, annotations=annotations
    )


def watch(client, queue, job_set, job_ids, until=TERMINAL, from_message_id=None):
    """Follows the job set until every job in job_ids reached a state in `until`."""
    events = []
    reached = {}
    stream = client.get_job_events_stream(queue=queue, job_set_id=job_set, from_message_id=from_message_id)
    for message in stream:
        event = client.unmarshal_event_response(message)
        kind = event.type.value
        events.append({"id": message.id, "kind": kind, "jobId": event.message.job_id, "message": message})
        if event.message.job_id in job_ids and kind in until:
            reached[event.message.job_id] = kind
        if len(reached) == len(job_ids):
            break
    client.unwatch_events(stream)
    return events


def plain(events):
    return [{k: v for k, v in e.items() if k != "message"} for e in events]


def scenario_queues(client, name):
    client.create_queue(client.create_queue_request(name=name, priority_factor=2))
    try:
        client.create_queue(client.create_queue_request(name=name, priority_factor=2))
        duplicate = "OK"
    except grpc.RpcError as e:
        duplicate = e.code().name
    try:
        client.create_queue(client.create_queue_request(name=name + "-bad", priority_factor=0.5))
        bad_factor = "OK"
    except grpc.RpcError as e:
        bad_factor = e.code().name
    try:
        client.get_queue("no-such-queue")
        missing = "OK"
    except grpc.RpcError as e:
        missing = e.code().name
    got = client.get_queue(name)
    # GetQueues must end with an EndMarker, which the Python client skips.
    raw = list(client.queue_stub.GetQueues(submit_pb2.StreamingQueueGetRequest()))
    return {
        "queue": {"name": got.name, "priorityFactor": got.priority_factor},
        "listed": [q.name for q in client.get_queues()],
        "lastMessage": raw[-1].WhichOneof("event"),
        "duplicate": duplicate,
        "badFactor": bad_factor,
        "missing": missing,
        "health": [client.submit_health().status, client.event_health().status],
    }


def scenario_run(client, queue, job_set, script):
    job_id = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, script)]).job_response_items[0].job_id
    events = watch(client, queue, job_set, {job_id})
    last = events[-1]["message"].message
    result = {"jobId": job_id, "events": plain(events)}
    if last.WhichOneof("events") == "failed":
        failed = last.failed
        result["exitCodes"] = [c.exitCode for c in failed.container_statuses]
        result["reason"] = failed.reason
        result["cause"] = failed.cause
    status = client.get_job_status([job_id]).job_states[job_id]
    result["status"] = status
    return result


def scenario_cancel(client, queue, job_set, pid_file):
    # `$$$$`: Kubernetes expands `$$` in commands to `$`, so the shell sees `$$`, its own pid.
    script = f"echo $$$$ > {pid_file}; exec sleep 300"
    job_id = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, script)]).job_response_items[0].job_id
    watch(client, queue, job_set, {job_id}, until={"running"})
    # `running` means the process started; wait until the shell has written its pid.
    for _ in range(200):
        if os.path.exists(pid_file) and open(pid_file).read().strip():
            break
        time.sleep(0.05)
    client.cancel_jobs(queue=queue, job_set_id=job_set, job_id=job_id)
    events = watch(client, queue, job_set, {job_id})
    return {"jobId": job_id, "events": plain(events)}


def scenario_gang(client, queue, job_set, label):
    annotations = {
        "armadaproject.io/gangId": "gang-" + job_set,
        "armadaproject.io/gangCardinality": "3",
        "armadaproject.io/gangNodeUniformityLabel": label,
    }
    script = "echo value=$ARMADA_GANG_NODE_UNIFORMITY_LABEL_VALUE gang=$ARMADA_GANG_ID"
    # Members arrive in two requests: the gang waits for the third.
    first = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, script, "1", annotations) for _ in range(2)])
    second = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, script, "1", annotations)])
    ids = [i.job_id for i in first.job_response_items] + [i.job_id for i in second.job_response_items]
    events = watch(client, queue, job_set, set(ids))
    clusters = {e["jobId"]: e["message"].message.leased.cluster_id for e in events if e["kind"] == "leased"}
    binoculars = binoculars_pb2_grpc.BinocularsStub(client_channel)
    logs = [
        [line.line for line in binoculars.Logs(binoculars_pb2.LogRequest(job_id=i, pod_number=0, pod_namespace="default")).log]
        for i in ids
    ]
    return {"ids": ids, "clusters": clusters, "outcomes": [e["kind"] for e in events if e["kind"] in TERMINAL], "logs": logs}


def scenario_reject(client, queue, job_set):
    job_id = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, "true", cpu="5000")]).job_response_items[0].job_id
    events = watch(client, queue, job_set, {job_id})
    failed = events[-1]["message"].message.failed
    return {
        "events": plain(events),
        "cause": event_pb2.Cause.Name(failed.cause),
        "reason": failed.reason,
        "status": client.get_job_status([job_id]).job_states[job_id],
    }


def scenario_resume(client, queue, job_set):
    job_id = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, "echo hi")]).job_response_items[0].job_id
    full = watch(client, queue, job_set, {job_id})
    resume_from = full[2]["id"]
    resumed = watch(client, queue, job_set, {job_id}, from_message_id=resume_from)
    # Non-watch read from the start ends by itself after the last event.
    finite = list(client.event_stub.GetJobSetEvents(event_pb2.JobSetRequest(queue=queue, id=job_set, watch=False)))
    try:
        list(client.event_stub.GetJobSetEvents(event_pb2.JobSetRequest(queue="no-such-queue", id=job_set, watch=False)))
        missing_queue = "OK"
    except grpc.RpcError as e:
        missing_queue = e.code().name
    return {
        "all": [e["id"] for e in full],
        "from": resume_from,
        "resumed": [e["id"] for e in resumed],
        "finite": [m.id for m in finite],
        "missingQueue": missing_queue,
    }


def scenario_missing_queue(client):
    try:
        client.submit_jobs(queue="no-such-queue", job_set_id="s", job_request_items=[shell_job(client, "true")])
        return {"code": "OK"}
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details()}


def scenario_invalid(client, queue):
    item = shell_job(client, "true")
    item.pod_spec.containers[0].resources.limits["cpu"].string = "200m"
    try:
        client.submit_jobs(queue=queue, job_set_id="s", job_request_items=[item])
        return {"code": "OK"}
    except grpc.RpcError as e:
        return {"code": e.code().name, "details": e.details()}


def scenario_start_sleeper(client, queue, job_set, pid_file):
    script = f"echo $$$$ > {pid_file}; exec sleep 300"
    job_id = client.submit_jobs(queue=queue, job_set_id=job_set, job_request_items=[shell_job(client, script)]).job_response_items[0].job_id
    events = watch(client, queue, job_set, {job_id}, until={"running"})
    for _ in range(200):
        if os.path.exists(pid_file) and open(pid_file).read().strip():
            break
        time.sleep(0.05)
    return {"jobId": job_id, "events": plain(events)}


def scenario_events(client, queue, job_set):
    """The whole job set without watching (the stream ends after the last event)."""
    out = []
    for message in client.event_stub.GetJobSetEvents(event_pb2.JobSetRequest(queue=queue, id=job_set, watch=False)):
        kind = message.message.WhichOneof("events")
        body = getattr(message.message, kind)
        out.append({"id": message.id, "kind": kind, "jobId": body.job_id, "reason": getattr(body, "reason", ""), "created": body.created.ToMilliseconds()})
    return out


def scenario_auth(client, username, password, token):
    """Health and a queue listing under various credentials; returns the status code names."""
    import base64

    def code(metadata):
        try:
            client.submit_stub.Health(empty_pb2.Empty(), metadata=metadata)
            list(client.queue_stub.GetQueues(submit_pb2.StreamingQueueGetRequest(), metadata=metadata))
            return "OK"
        except grpc.RpcError as e:
            return e.code().name

    basic = lambda u, p: [("authorization", "basic " + base64.b64encode(f"{u}:{p}".encode()).decode())]
    return {
        "none": code([]),
        "basic": code(basic(username, password)),
        "badPassword": code(basic(username, password + "x")),
        "bearer": code([("authorization", "Bearer " + token)]),
        "badBearer": code([("authorization", "Bearer nope")]),
    }


if __name__ == "__main__":
    address, scenario, *args = sys.argv[1:]
    client_channel = grpc.insecure_channel(address)
    armada = ArmadaClient(client_channel)
    result = globals()["scenario_" + scenario.replace("-", "_")](armada, *args)
    print(json.dumps(result))

"""Dump protobuf schemas as comparable JSON: the official armada-client package's and ours.

Usage: armada_schema.py OUR_FILE_DESCRIPTOR_SET.binpb
Prints {"official": {...}, "ours": {...}}, each mapping a full type name to its facts:
  message: {"kind": "message", "file", "syntax", "fields": [{name, number, type, label, typeName,
            oneof, mapEntry...}]}, enum: {"kind": "enum", "file", "values": {name: number}},
  service: {"kind": "service", "methods": {name: {input, output, clientStreaming, serverStreaming}}}.
"""
import importlib
import json
import sys

from google.protobuf import descriptor_pb2, descriptor_pool

OFFICIAL_MODULES = [
    "armada_client.armada.submit_pb2",
    "armada_client.armada.event_pb2",
    "armada_client.armada.job_pb2",
    "armada_client.armada.health_pb2",
    "armada_client.armada.binoculars_pb2",
    "armada_client.k8s.io.api.core.v1.generated_pb2",
    "armada_client.k8s.io.api.networking.v1.generated_pb2",
    "armada_client.k8s.io.apimachinery.pkg.api.resource.generated_pb2",
    "armada_client.k8s.io.apimachinery.pkg.apis.meta.v1.generated_pb2",
    "armada_client.k8s.io.apimachinery.pkg.runtime.generated_pb2",
    "armada_client.k8s.io.apimachinery.pkg.runtime.schema.generated_pb2",
    "armada_client.k8s.io.apimachinery.pkg.util.intstr.generated_pb2",
]

TYPE_NAMES = {
    v: k[len("TYPE_"):].lower()
    for k, v in descriptor_pb2.FieldDescriptorProto.Type.items()
}
LABEL_NAMES = {
    v: k[len("LABEL_"):].lower()
    for k, v in descriptor_pb2.FieldDescriptorProto.Label.items()
}


def file_protos_official():
    return [
        descriptor_pb2.FileDescriptorProto.FromString(
            importlib.import_module(m).DESCRIPTOR.serialized_pb
        )
        for m in OFFICIAL_MODULES
    ]


def file_protos_ours(path):
    with open(path, "rb") as fh:
        fds = descriptor_pb2.FileDescriptorSet.FromString(fh.read())
    return list(fds.file)


def dump(files):
    """Facts of every message, enum and service in the given files (read from the protos)."""
    out = {}

    def msg(m, scope, f):
        name = scope + m.name
        fields = []
        for fd in m.field:
            fields.append(
                {
                    "name": fd.name,
                    "number": fd.number,
                    "type": TYPE_NAMES[fd.type],
                    "label": LABEL_NAMES[fd.label],
                    "typeName": fd.type_name.lstrip("."),
                    "oneof": (
                        m.oneof_decl[fd.oneof_index].name
                        if fd.HasField("oneof_index")
                        else None
                    ),
                    "proto3Optional": fd.proto3_optional,
                    "deprecated": fd.options.deprecated,
                }
            )
        out[name] = {
            "kind": "message",
            "file": f.name,
            "syntax": f.syntax or "proto2",
            "mapEntry": m.options.map_entry,
            "fields": fields,
        }
        for n in m.nested_type:
            msg(n, name + ".", f)
        for e in m.enum_type:
            enum(e, name + ".", f)

    def enum(e, scope, f):
        out[scope + e.name] = {
            "kind": "enum",
            "file": f.name,
            "values": {v.name: v.number for v in e.value},
        }

    for f in files:
        scope = f.package + "." if f.package else ""
        for m in f.message_type:
            msg(m, scope, f)
        for e in f.enum_type:
            enum(e, scope, f)
        for s in f.service:
            out[scope + s.name] = {
                "kind": "service",
                "file": f.name,
                "methods": {
                    md.name: {
                        "input": md.input_type.lstrip("."),
                        "output": md.output_type.lstrip("."),
                        "clientStreaming": md.client_streaming,
                        "serverStreaming": md.server_streaming,
                    }
                    for md in s.method
                },
            }
    return out


def check_loadable(files):
    """Our set must load into a fresh pool: every import and type reference resolves."""
    pool = descriptor_pool.DescriptorPool()
    for f in files:
        pool.Add(f)
    for f in files:
        pool.FindFileByName(f.name)


def main():
    ours = file_protos_ours(sys.argv[1])
    check_loadable(ours)
    json.dump(
        {"official": dump(file_protos_official()), "ours": dump(ours)},
        sys.stdout,
        sort_keys=True,
    )


if __name__ == "__main__":
    main()

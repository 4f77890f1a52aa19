/**
 * The wire messages the stand-ins exchange with Terraform, defined here from the published plugin
 * protocol: Terraform's docs/plugin-protocol/tfplugin6.8.proto and object-wire-format.md (the
 * protocol Terraform v1.11.4 speaks), and go-plugin v1.6.0's side services (internal/plugin/
 * grpc_broker.proto, grpc_controller.proto, grpc_stdio.proto; the gRPC health service it pings).
 * Only the messages and fields the stand-ins read or write are defined; protobuf skips the rest.
 * Field numbers are the contract: each was copied by number from those files, names follow them.
 */
import * as grpc from '@grpc/grpc-js';
import * as protobuf from 'protobufjs';

type Fields = Record<string, { id: number; type: string; rule?: 'repeated'; keyType?: string }>;

type Nested = Record<string, protobuf.AnyNestedObject>;

function message(fields: Fields, nested?: Nested, oneofs?: Record<string, { oneof: string[] }>): protobuf.IType {
  return { fields, ...(nested ? { nested } : {}), ...(oneofs ? { oneofs } : {}) };
}
const rep = (id: number, type: string) => ({ id, type, rule: 'repeated' as const });
const empty = () => message({});

const diagnostics = (id: number) => ({ diagnostics: rep(id, 'Diagnostic') });

const TFPLUGIN6: Nested = {
  DynamicValue: message({ msgpack: { id: 1, type: 'bytes' }, json: { id: 2, type: 'bytes' } }),
  Diagnostic: message(
    {
      severity: { id: 1, type: 'Severity' },
      summary: { id: 2, type: 'string' },
      detail: { id: 3, type: 'string' },
      attribute: { id: 4, type: 'AttributePath' },
    },
    { Severity: { values: { INVALID: 0, ERROR: 1, WARNING: 2 } } },
  ),
  AttributePath: message(
    { steps: rep(1, 'Step') },
    {
      Step: message(
        {
          attribute_name: { id: 1, type: 'string' },
          element_key_string: { id: 2, type: 'string' },
          element_key_int: { id: 3, type: 'int64' },
        },
        undefined,
        { selector: { oneof: ['attribute_name', 'element_key_string', 'element_key_int'] } },
      ),
    },
  ),
  RawState: message({ json: { id: 1, type: 'bytes' }, flatmap: { id: 2, type: 'string', keyType: 'string' } }),
  StringKind: { values: { PLAIN: 0, MARKDOWN: 1 } },
  Schema: message(
    { version: { id: 1, type: 'int64' }, block: { id: 2, type: 'Block' } },
    {
      Block: message({
        version: { id: 1, type: 'int64' },
        attributes: rep(2, 'Attribute'),
        block_types: rep(3, 'NestedBlock'),
        description: { id: 4, type: 'string' },
        description_kind: { id: 5, type: 'StringKind' },
        deprecated: { id: 6, type: 'bool' },
      }),
      Attribute: message({
        name: { id: 1, type: 'string' },
        type: { id: 2, type: 'bytes' },
        description: { id: 3, type: 'string' },
        required: { id: 4, type: 'bool' },
        optional: { id: 5, type: 'bool' },
        computed: { id: 6, type: 'bool' },
        sensitive: { id: 7, type: 'bool' },
        description_kind: { id: 8, type: 'StringKind' },
        deprecated: { id: 9, type: 'bool' },
        write_only: { id: 11, type: 'bool' },
      }),
      NestedBlock: message(
        {
          type_name: { id: 1, type: 'string' },
          block: { id: 2, type: 'Block' },
          nesting: { id: 3, type: 'NestingMode' },
          min_items: { id: 4, type: 'int64' },
          max_items: { id: 5, type: 'int64' },
        },
        { NestingMode: { values: { INVALID: 0, SINGLE: 1, LIST: 2, SET: 3, MAP: 4, GROUP: 5 } } },
      ),
    },
  ),
  ServerCapabilities: message({
    plan_destroy: { id: 1, type: 'bool' },
    get_provider_schema_optional: { id: 2, type: 'bool' },
    move_resource_state: { id: 3, type: 'bool' },
  }),
  ClientCapabilities: message({
    deferral_allowed: { id: 1, type: 'bool' },
    write_only_attributes_allowed: { id: 2, type: 'bool' },
  }),
  GetMetadata: message(
    {},
    {
      Request: empty(),
      Response: message({
        server_capabilities: { id: 1, type: 'ServerCapabilities' },
        ...diagnostics(2),
        data_sources: rep(3, 'TypeName'),
        resources: rep(4, 'TypeName'),
      }),
      // DataSourceMetadata and ResourceMetadata have the same one field.
      TypeName: message({ type_name: { id: 1, type: 'string' } }),
    },
  ),
  GetProviderSchema: message(
    {},
    {
      Request: empty(),
      Response: message({
        provider: { id: 1, type: 'Schema' },
        resource_schemas: { id: 2, type: 'Schema', keyType: 'string' },
        data_source_schemas: { id: 3, type: 'Schema', keyType: 'string' },
        ...diagnostics(4),
        provider_meta: { id: 5, type: 'Schema' },
        server_capabilities: { id: 6, type: 'ServerCapabilities' },
      }),
    },
  ),
  ValidateProviderConfig: message(
    {},
    { Request: message({ config: { id: 1, type: 'DynamicValue' } }), Response: message({ ...diagnostics(2) }) },
  ),
  UpgradeResourceState: message(
    {},
    {
      Request: message({
        type_name: { id: 1, type: 'string' },
        version: { id: 2, type: 'int64' },
        raw_state: { id: 3, type: 'RawState' },
      }),
      Response: message({ upgraded_state: { id: 1, type: 'DynamicValue' }, ...diagnostics(2) }),
    },
  ),
  ValidateResourceConfig: message(
    {},
    {
      Request: message({ type_name: { id: 1, type: 'string' }, config: { id: 2, type: 'DynamicValue' } }),
      Response: message({ ...diagnostics(1) }),
    },
  ),
  ValidateDataResourceConfig: message(
    {},
    {
      Request: message({ type_name: { id: 1, type: 'string' }, config: { id: 2, type: 'DynamicValue' } }),
      Response: message({ ...diagnostics(1) }),
    },
  ),
  ConfigureProvider: message(
    {},
    {
      Request: message({ terraform_version: { id: 1, type: 'string' }, config: { id: 2, type: 'DynamicValue' } }),
      Response: message({ ...diagnostics(1) }),
    },
  ),
  ReadResource: message(
    {},
    {
      Request: message({
        type_name: { id: 1, type: 'string' },
        current_state: { id: 2, type: 'DynamicValue' },
        private: { id: 3, type: 'bytes' },
      }),
      Response: message({ new_state: { id: 1, type: 'DynamicValue' }, ...diagnostics(2), private: { id: 3, type: 'bytes' } }),
    },
  ),
  PlanResourceChange: message(
    {},
    {
      Request: message({
        type_name: { id: 1, type: 'string' },
        prior_state: { id: 2, type: 'DynamicValue' },
        proposed_new_state: { id: 3, type: 'DynamicValue' },
        config: { id: 4, type: 'DynamicValue' },
        prior_private: { id: 5, type: 'bytes' },
      }),
      Response: message({
        planned_state: { id: 1, type: 'DynamicValue' },
        requires_replace: rep(2, 'AttributePath'),
        planned_private: { id: 3, type: 'bytes' },
        ...diagnostics(4),
        legacy_type_system: { id: 5, type: 'bool' },
      }),
    },
  ),
  ApplyResourceChange: message(
    {},
    {
      Request: message({
        type_name: { id: 1, type: 'string' },
        prior_state: { id: 2, type: 'DynamicValue' },
        planned_state: { id: 3, type: 'DynamicValue' },
        config: { id: 4, type: 'DynamicValue' },
        planned_private: { id: 5, type: 'bytes' },
      }),
      Response: message({
        new_state: { id: 1, type: 'DynamicValue' },
        private: { id: 2, type: 'bytes' },
        ...diagnostics(3),
        legacy_type_system: { id: 4, type: 'bool' },
      }),
    },
  ),
  ImportResourceState: message(
    {},
    {
      Request: message({ type_name: { id: 1, type: 'string' }, id: { id: 2, type: 'string' } }),
      ImportedResource: message({
        type_name: { id: 1, type: 'string' },
        state: { id: 2, type: 'DynamicValue' },
        private: { id: 3, type: 'bytes' },
      }),
      Response: message({ imported_resources: rep(1, 'ImportedResource'), ...diagnostics(2) }),
    },
  ),
  ReadDataSource: message(
    {},
    {
      Request: message({ type_name: { id: 1, type: 'string' }, config: { id: 2, type: 'DynamicValue' } }),
      Response: message({ state: { id: 1, type: 'DynamicValue' }, ...diagnostics(2) }),
    },
  ),
  StopProvider: message({}, { Request: empty(), Response: message({ Error: { id: 1, type: 'string' } }) }),
};

const PLUGIN: Nested = {
  ConnInfo: message(
    {
      service_id: { id: 1, type: 'uint32' },
      network: { id: 2, type: 'string' },
      address: { id: 3, type: 'string' },
      knock: { id: 4, type: 'Knock' },
    },
    { Knock: message({ knock: { id: 1, type: 'bool' }, ack: { id: 2, type: 'bool' }, error: { id: 3, type: 'string' } }) },
  ),
  Empty: empty(),
  StdioData: message(
    { channel: { id: 1, type: 'Channel' }, data: { id: 2, type: 'bytes' } },
    { Channel: { values: { INVALID: 0, STDOUT: 1, STDERR: 2 } } },
  ),
};

const HEALTH: Nested = {
  HealthCheckRequest: message({ service: { id: 1, type: 'string' } }),
  HealthCheckResponse: message(
    { status: { id: 1, type: 'ServingStatus' } },
    { ServingStatus: { values: { UNKNOWN: 0, SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } } },
  ),
};

const root = protobuf.Root.fromJSON({
  nested: {
    tfplugin6: { nested: TFPLUGIN6 },
    plugin: { nested: PLUGIN },
    grpc: { nested: { health: { nested: { v1: { nested: HEALTH } } } } },
  },
});

/** A protobuf message type by its full name, e.g. `tfplugin6.GetProviderSchema.Response`. */
function messageType(name: string): protobuf.Type {
  return root.lookupType(name);
}

/** Encodes a message ahead, for a response sent many times unchanged. */
export function encodeMessage(typeName: string, value: Message): Buffer {
  const type = messageType(typeName);
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}

/** A decoded message: fields by their proto names; int64 as numbers, bytes as Buffers. */
export type Message = Record<string, unknown>;

function codec(typeName: string) {
  const type = messageType(typeName);
  return {
    // A response encoded once ahead (the provider schema, asked for by every terraform command)
    // passes as it is.
    serialize: (value: Message): Buffer => (Buffer.isBuffer(value) ? value : Buffer.from(type.encode(type.fromObject(value)).finish())),
    deserialize: (bytes: Buffer): Message => type.toObject(type.decode(bytes), { longs: Number, enums: String, bytes: Buffer }) as Message,
  };
}

interface MethodSpec {
  /** Full gRPC path, `/package.Service/Method`. */
  path: string;
  request: string;
  response: string;
  requestStream?: boolean;
  responseStream?: boolean;
}

/** A grpc-js service definition for the given methods. */
function serviceDefinition(methods: Record<string, MethodSpec>): grpc.ServiceDefinition {
  const definition: Record<string, grpc.MethodDefinition<Message, Message>> = {};
  for (const [name, spec] of Object.entries(methods)) {
    const req = codec(spec.request);
    const res = codec(spec.response);
    definition[name] = {
      path: spec.path,
      requestStream: spec.requestStream ?? false,
      responseStream: spec.responseStream ?? false,
      requestSerialize: req.serialize,
      requestDeserialize: req.deserialize,
      responseSerialize: res.serialize,
      responseDeserialize: res.deserialize,
    };
  }
  return definition;
}

const PROVIDER_METHODS = [
  'GetMetadata',
  'GetProviderSchema',
  'ValidateProviderConfig',
  'ValidateResourceConfig',
  'ValidateDataResourceConfig',
  'UpgradeResourceState',
  'ConfigureProvider',
  'ReadResource',
  'PlanResourceChange',
  'ApplyResourceChange',
  'ImportResourceState',
  'ReadDataSource',
  'StopProvider',
] as const;
export type ProviderMethod = (typeof PROVIDER_METHODS)[number];

/** tfplugin6.Provider, the methods the stand-ins implement (Terraform gets Unimplemented for the rest). */
export const PROVIDER_SERVICE = serviceDefinition(
  Object.fromEntries(
    PROVIDER_METHODS.map((m) => [
      m,
      { path: `/tfplugin6.Provider/${m}`, request: `tfplugin6.${m}.Request`, response: `tfplugin6.${m}.Response` },
    ]),
  ),
);

export const HEALTH_SERVICE = serviceDefinition({
  Check: {
    path: '/grpc.health.v1.Health/Check',
    request: 'grpc.health.v1.HealthCheckRequest',
    response: 'grpc.health.v1.HealthCheckResponse',
  },
});

export const BROKER_SERVICE = serviceDefinition({
  StartStream: {
    path: '/plugin.GRPCBroker/StartStream',
    request: 'plugin.ConnInfo',
    response: 'plugin.ConnInfo',
    requestStream: true,
    responseStream: true,
  },
});

export const CONTROLLER_SERVICE = serviceDefinition({
  Shutdown: { path: '/plugin.GRPCController/Shutdown', request: 'plugin.Empty', response: 'plugin.Empty' },
});

export const STDIO_SERVICE = serviceDefinition({
  // google.protobuf.Empty has no fields, like plugin.Empty: the same bytes on the wire.
  StreamStdio: { path: '/plugin.GRPCStdio/StreamStdio', request: 'plugin.Empty', response: 'plugin.StdioData', responseStream: true },
});

/**
 * The stand-in host: the four providers the stacks use, each a gRPC server on a unix socket of its
 * own, in this process, and the `TF_REATTACH_PROVIDERS` value that makes Terraform use them instead
 * of downloading anything. Terraform reaches an unmanaged provider through go-plugin's reattach
 * mode (terraform v1.11.4 main.go parseReattachProviders, internal/command/meta_providers.go
 * unmanagedProviderFactory; go-plugin v1.6.0 client.go reattach): `"Test": true` makes go-plugin
 * take ProtocolVersion 6 as negotiated, and keeps it from treating the process as its own to kill.
 * Next to tfplugin6.Provider each server answers the services go-plugin calls on connect: the
 * gRPC health check of service "plugin" (Ping), the broker stream, the controller (whose Shutdown
 * is ignored, so one host serves many Terraform runs) and the stdio stream.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as grpc from '@grpc/grpc-js';
import { PROVIDERS, type ProviderName } from '../lib/facts/provider-versions';
import { BROKER_SERVICE, CONTROLLER_SERVICE, HEALTH_SERVICE, type Message, PROVIDER_SERVICE, STDIO_SERVICE } from './protocol';
import { type ProviderBehaviour, StandinProvider } from './provider';
import type { ProviderSchema } from './schema/types';
import { World } from './world';

export interface HostOptions {
  /** The schema each provider serves. */
  schemas: Record<ProviderName, ProviderSchema>;
  /** The type behaviours of each provider. */
  behaviours: Record<ProviderName, ProviderBehaviour>;
  /** The world the providers share (a new one by default). */
  world?: World;
}

export interface Host {
  world: World;
  providers: Record<ProviderName, StandinProvider>;
  /** The value of TF_REATTACH_PROVIDERS for Terraform. */
  reattach: string;
  close(): Promise<void>;
}

function sideServices(server: grpc.Server): void {
  server.addService(HEALTH_SERVICE, {
    Check: (_call: grpc.ServerUnaryCall<Message, Message>, cb: grpc.sendUnaryData<Message>) => cb(null, { status: 'SERVING' }),
  });
  server.addService(BROKER_SERVICE, {
    // The providers open no extra connections: the stream stays open and idle until Terraform ends it.
    StartStream: (call: grpc.ServerDuplexStream<Message, Message>) => {
      call.on('data', () => {});
      call.on('end', () => call.end());
      call.on('error', () => {});
    },
  });
  server.addService(CONTROLLER_SERVICE, {
    // Terraform asks each plugin to shut down when a run ends; the host outlives runs, so it only answers.
    Shutdown: (_call: grpc.ServerUnaryCall<Message, Message>, cb: grpc.sendUnaryData<Message>) => cb(null, {}),
  });
  server.addService(STDIO_SERVICE, {
    // Nothing is written to stdout or stderr through go-plugin: the stream ends at once.
    StreamStdio: (call: grpc.ServerWritableStream<Message, Message>) => call.end(),
  });
}

function listen(server: grpc.Server, socket: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve()));
  });
}

/** Starts the four providers; `close()` stops them and removes their sockets. */
export async function startHost(options: HostOptions): Promise<Host> {
  const world = options.world ?? new World();
  // Unix socket paths are limited to about 100 bytes: a short directory of its own under the OS temp dir.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standin-'));
  const servers: grpc.Server[] = [];
  const providers = {} as Record<ProviderName, StandinProvider>;
  const reattach: Record<string, unknown> = {};
  for (const name of Object.keys(PROVIDERS) as ProviderName[]) {
    const provider = new StandinProvider(options.schemas[name], world, options.behaviours[name]);
    const server = new grpc.Server({ 'grpc.max_receive_message_length': -1, 'grpc.max_send_message_length': -1 });
    server.addService(PROVIDER_SERVICE, provider.handlers());
    sideServices(server);
    const socket = path.join(dir, `${name}.sock`);
    await listen(server, socket);
    servers.push(server);
    providers[name] = provider;
    reattach[`registry.terraform.io/${PROVIDERS[name].source}`] = {
      Protocol: 'grpc',
      ProtocolVersion: 6,
      Pid: process.pid,
      Test: true,
      Addr: { Network: 'unix', String: socket },
    };
  }
  return {
    world,
    providers,
    reattach: JSON.stringify(reattach),
    close: async () => {
      await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.tryShutdown(() => resolve()))));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

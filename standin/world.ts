/**
 * What the stand-ins pretend exists: one Azure tenant and subscription, one Kubernetes cluster,
 * the objects applies created there, and the fixtures a scenario describes (an existing vault, an
 * AKS cluster, a virtual network). Every provider of one host shares one world, so a day-2
 * scenario applies config A, then B, against the same objects.
 */
import { createHash } from 'crypto';
import { cloneValue, type Value } from './cty';

export type Obj = Record<string, Value>;

/** One change the world saw, in the order it happened. */
export interface WorldEvent {
  action: 'create' | 'update' | 'delete' | 'refuse';
  type: string;
  id: string;
  detail?: string;
}

/** A data source's answer: the object, or the error the real provider reports. */
export type Fixture = Obj | { error: string; detail?: string };

export class World {
  readonly tenantId: string;
  readonly subscriptionId: string;
  /** The principal running Terraform (azuread_client_config object_id, owner of what it creates). */
  readonly callerObjectId: string;
  /** The client (application) ID the caller signs in with. */
  readonly callerClientId: string;
  /**
   * The caller's Microsoft Graph application permission: with `Application.ReadWrite.OwnedBy` it
   * manages only the applications it owns (what docs/deployment.md asks a deployer to hold).
   */
  graphPermission: 'Application.ReadWrite.OwnedBy' | 'Application.ReadWrite.All' = 'Application.ReadWrite.OwnedBy';
  /**
   * The clock of time_rotating and the password start dates: the real one (to the second) when the
   * world is made, since Terraform's plantimestamp(), which the stacks also use, reads the real
   * clock. Moving it alone makes the two disagree.
   */
  now = new Date(Math.floor(Date.now() / 1000) * 1000);
  /** Kubeconfig paths that exist where Terraform runs. */
  readonly kubeconfigs = new Set<string>();
  /** Resource types whose creates fail (a scenario's outage: throttling, a policy denial, a timeout). */
  readonly failingCreates = new Set<string>();
  /** Kubernetes objects made outside Terraform, as `serviceaccounts/{namespace}/{name}`. */
  readonly clusterObjects = new Set<string>();
  readonly events: WorldEvent[] = [];
  private readonly objects = new Map<string, Obj>();
  /** Data source answers by type and a key the type's behaviour derives from its arguments. */
  readonly fixtures = new Map<string, Fixture>();

  constructor(options: { tenantId?: string; subscriptionId?: string; callerObjectId?: string; seed?: string } = {}) {
    this.seed = options.seed ?? 'standin';
    this.tenantId = options.tenantId ?? this.guid('tenant');
    this.subscriptionId = options.subscriptionId ?? this.guid('subscription');
    this.callerObjectId = options.callerObjectId ?? this.guid('caller');
    this.callerClientId = this.guid('caller-client');
  }

  private readonly seed: string;
  private serial = 0;

  /** A new number each call: what makes each created object's server-side values its own. */
  nextSerial(): number {
    return ++this.serial;
  }

  /** A GUID derived from the text: the same in every run of the same scenario. */
  guid(text: string): string {
    const h = createHash('sha256').update(`${this.seed}\0${text}`).digest('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  get(type: string, id: string): Obj | undefined {
    const o = this.objects.get(`${type}\0${id.toLowerCase()}`);
    return o ? cloneValue(o) : undefined;
  }

  /** Objects of a type, optionally those whose ID starts with a prefix (a scope). */
  list(type: string): Obj[] {
    const out: Obj[] = [];
    for (const [key, o] of this.objects) if (key.startsWith(`${type}\0`)) out.push(cloneValue(o));
    return out;
  }

  put(type: string, id: string, obj: Obj): void {
    const key = `${type}\0${id.toLowerCase()}`;
    this.events.push({ action: this.objects.has(key) ? 'update' : 'create', type, id });
    this.objects.set(key, cloneValue(obj));
  }

  remove(type: string, id: string): void {
    this.objects.delete(`${type}\0${id.toLowerCase()}`);
    this.events.push({ action: 'delete', type, id });
  }

  refuse(type: string, id: string, detail: string): void {
    this.events.push({ action: 'refuse', type, id, detail });
  }
}

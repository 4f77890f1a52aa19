import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ITerraformDependable, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { RemovedBlock } from './removed-block';
import { childAddress } from './terraform-address';
import { yamlEncoded, yamlStream } from './terraform-expressions';

/** Labels on every Kubernetes object the stack owns, so `kubectl get -l` finds them. */
const MANAGED_LABELS = { 'app.kubernetes.io/managed-by': 'cdktf', 'app.kubernetes.io/part-of': 'openmetadata' } as const;

/** Where a Kubernetes object goes and what it is called. */
export interface KubernetesObjectMeta {
  readonly namespace: string;
  readonly name: string;
  /** @default - none */
  readonly annotations?: Readonly<Record<string, string>>;
}

interface Manifest {
  readonly kind: 'ServiceAccount' | 'Secret';
  readonly document: Record<string, unknown>;
  readonly sensitive: boolean;
}

/**
 * The Kubernetes objects of one stack, in one of two modes chosen per environment: created through
 * the kubernetes provider (`manage`), or rendered as YAML manifests for a GitOps pipeline to apply,
 * with no kubernetes provider at all. Constructs add objects the same way in both modes, through
 * the stack's instance: `KubernetesObjects.of(this)`, as `Aspects.of(this)`.
 */
export class KubernetesObjects {
  private static readonly byStack = new WeakMap<TerraformStack, KubernetesObjects>();

  /** The Kubernetes objects of the stack `scope` belongs to (created, not rendered, unless the stack said otherwise). */
  static of(scope: IConstruct): KubernetesObjects {
    const stack = TerraformStack.of(scope);
    let objects = KubernetesObjects.byStack.get(stack);
    if (objects === undefined) {
      objects = new KubernetesObjects();
      KubernetesObjects.byStack.set(stack, objects);
    }
    return objects;
  }

  private readonly manifests: Manifest[] = [];
  private managed = true;
  private added = 0;
  /** `<namespace>/<name>` of hand-made objects to import, by kind, until an object of the stack takes each. */
  private readonly adopted: Record<Manifest['kind'], Set<string>> = { ServiceAccount: new Set(), Secret: new Set() };
  private readonly created: Record<Manifest['kind'], Set<string>> = { ServiceAccount: new Set(), Secret: new Set() };

  private constructor() {}

  /** Whether objects are created through the kubernetes provider (true) or rendered as manifests (false). */
  get manage(): boolean {
    return this.managed;
  }

  /** Chooses the mode, before any object is added (they would end up half in each mode). */
  setManaged(manage: boolean): void {
    if (this.added > 0 && manage !== this.managed) {
      throw new Error(
        `KubernetesObjects: received a change of mode to ${manage ? 'created' : 'rendered'} after ${this.added} object(s) were added; expected the mode to be set first`,
      );
    }
    this.managed = manage;
  }

  /**
   * Hand-made objects (`<namespace>/<name>`, the kubernetes provider's import ID) that the stack's
   * objects of the same namespace and name take over with an `import` block.
   */
  adopt(kind: Manifest['kind'], ids: readonly string[]): void {
    for (const id of ids) this.adopted[kind].add(id);
  }

  /** Adopted IDs no object of the stack matched: the caller reports them. */
  unmatchedAdoptions(kind: Manifest['kind']): string[] {
    return [...this.adopted[kind]];
  }

  /** `<namespace>/<name>` of every managed object of that kind the stack has added. */
  createdIds(kind: Manifest['kind']): string[] {
    return [...this.created[kind]];
  }

  private importIfAdopted(kind: Manifest['kind'], meta: KubernetesObjectMeta, resource: ServiceAccountV1 | SecretV1): void {
    const id = `${meta.namespace}/${meta.name}`;
    this.created[kind].add(id);
    if (!this.adopted[kind].delete(id)) return;
    // A Kubernetes name holds no `$`, `{` or quote: plain data in the JSON.
    resource.importFrom(id);
  }

  /**
   * A service account; managed ones wait for `dependsOn` (e.g. the federated credential). Returns
   * the resource when the stack manages it.
   */
  addServiceAccount(
    scope: Construct,
    id: string,
    meta: KubernetesObjectMeta,
    dependsOn?: ITerraformDependable[],
  ): ServiceAccountV1 | undefined {
    const metadata = { ...meta, labels: { ...MANAGED_LABELS } };
    this.added++;
    if (this.manage) {
      const account = new ServiceAccountV1(scope, id, { metadata: { ...metadata, annotations: { ...meta.annotations } }, dependsOn });
      this.importIfAdopted('ServiceAccount', meta, account);
      return account;
    }
    this.manifests.push({ kind: 'ServiceAccount', document: { apiVersion: 'v1', kind: 'ServiceAccount', metadata }, sensitive: false });
    this.forget(scope, id, ServiceAccountV1.tfResourceType);
    return undefined;
  }

  /**
   * An object the stack renders as a manifest may still be in state from when the stack managed it
   * (`kubernetes.manage` switched off): Terraform forgets it and leaves it in the cluster, instead of
   * destroying it through a kubernetes provider the stack no longer configures (which fails, or,
   * with a stray kubeconfig, deletes the objects the pods use before GitOps applies the manifests).
   */
  private forget(scope: Construct, id: string, type: string): void {
    new RemovedBlock(scope, `${id}-Forgotten`, `${type}.${childAddress(scope, id)}`);
  }

  /**
   * An Opaque Secret. Values may be Terraform references (rendered at apply, never literals in the
   * synthesized JSON); `sensitive` marks a manifest that will hold secret values.
   */
  addSecret(scope: Construct, id: string, meta: KubernetesObjectMeta, data: Readonly<Record<string, string>>, sensitive: boolean): void {
    const metadata = { ...meta, labels: { ...MANAGED_LABELS } };
    this.added++;
    if (this.manage) {
      this.importIfAdopted('Secret', meta, new SecretV1(scope, id, { metadata, type: 'Opaque', data: { ...data } }));
    } else {
      this.manifests.push({
        kind: 'Secret',
        document: { apiVersion: 'v1', kind: 'Secret', metadata, type: 'Opaque', stringData: { ...data } },
        sensitive,
      });
      this.forget(scope, id, SecretV1.tfResourceType);
    }
  }

  /**
   * Multi-document YAML of the unmanaged objects of one kind, rendered by Terraform; undefined if
   * none. Each document is a local value in `scope` (named `<kind>_manifest_<n>`).
   */
  manifestOf(scope: Construct, kind: Manifest['kind']): string | undefined {
    const docs = this.manifests
      .filter((m) => m.kind === kind)
      .map((m, i) => yamlEncoded(scope, `${kind === 'Secret' ? 'secret' : 'service_account'}_manifest_${i}`, m.document));
    return docs.length === 0 ? undefined : yamlStream(docs);
  }

  /** Whether an unmanaged manifest of that kind holds secret values. */
  isSensitive(kind: Manifest['kind']): boolean {
    return this.manifests.some((m) => m.kind === kind && m.sensitive);
  }
}

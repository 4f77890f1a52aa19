import { App, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { KubernetesObjects } from '../../lib/constructs/kubernetes-objects';

test('one instance per stack, found from any construct in it', () => {
  const app = new App();
  const a = new TerraformStack(app, 'a');
  const b = new TerraformStack(app, 'b');
  const deep = new Construct(new Construct(a, 'x'), 'y');
  expect(KubernetesObjects.of(deep)).toBe(KubernetesObjects.of(a));
  expect(KubernetesObjects.of(b)).not.toBe(KubernetesObjects.of(a));
});

test('objects are created through the provider unless the stack chose manifests', () => {
  const stack = new TerraformStack(new App(), 's');
  expect(KubernetesObjects.of(stack).manage).toBe(true);
  KubernetesObjects.of(stack).setManaged(false);
  expect(KubernetesObjects.of(stack).manage).toBe(false);
});

test('fails when the mode changes after an object was added', () => {
  const stack = new TerraformStack(new App(), 's');
  const objects = KubernetesObjects.of(stack);
  objects.setManaged(false);
  objects.addServiceAccount(stack, 'Sa', { namespace: 'om', name: 'om' });
  expect(() => objects.setManaged(true)).toThrow(
    'KubernetesObjects: received a change of mode to created after 1 object(s) were added; expected the mode to be set first',
  );
});

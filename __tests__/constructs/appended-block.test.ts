import '../setup';
import { AppendedBlock } from '../../lib/constructs/appended-block';
import { RemovedBlock } from '../../lib/constructs/removed-block';
import { synthScope } from '../helpers';

// Blocks the stack appends to `synth --hcl` write an address into HCL: only one cdktf allocated.
test('a removed block writes its address into HCL', () => {
  const { built } = synthScope((s) => new RemovedBlock(s, 'Forgotten', 'kubernetes_secret_v1.ServerSecret'));
  expect(built).toBeInstanceOf(AppendedBlock);
  expect(built.toHcl()).toMatch(/^removed \{\n {2}from = kubernetes_secret_v1\.ServerSecret\n/);
  expect(built.toHclTerraform()).toEqual({});
});

test('fails when the address is not type.name', () => {
  const { built } = synthScope((s) => new RemovedBlock(s, 'Forgotten', 'kubernetes_secret_v1.x"\n}'));
  expect(() => built.toHcl()).toThrow('RemovedBlock: received address "kubernetes_secret_v1.x\\"\\n}"; expected type.name');
});

import { exposedSecretOutputs, secretLookingStrings, synthEnvironment } from '../helpers';

const CONFIGURATIONS: Record<string, (e: Record<string, any>) => void> = {
  'workload identity': () => {},
  'client secret': (e) => {
    delete e.aks;
    e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { auth: 'client-secret' } };
  },
  'shared client secret': (e) => {
    delete e.aks;
    e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { sameAs: 'server' } };
  },
  mixed: (e) => (e.principals.ingestion = { auth: 'client-secret' }),
  'client secret, Kubernetes as manifests': (e) => {
    delete e.aks;
    e.kubernetes = { manage: false };
    e.principals = { server: { auth: 'client-secret', namespace: 'openmetadata' }, ingestion: { auth: 'client-secret' } };
  },
};

describe.each(Object.entries(CONFIGURATIONS))('%s', (_name, edit) => {
  const { json } = synthEnvironment(edit);

  test('synthesizes no secret material', () => {
    expect(secretLookingStrings(json)).toEqual([]);
  });

  test('marks every output that carries a secret sensitive', () => {
    expect(exposedSecretOutputs(json)).toEqual([]);
  });

  test('never sets a password value on a resource', () => {
    for (const password of Object.values(json.resource.azuread_application_password ?? {}) as any[]) {
      expect(password).not.toHaveProperty('value');
    }
  });
});

describe('the secret detectors', () => {
  test('flag an Entra ID client secret literal', () => {
    const json = { resource: { x: { y: { notes: 'abc8Q~aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' } } } };
    expect(secretLookingStrings(json)).toHaveLength(1);
  });

  test('flag a literal password attribute', () => {
    expect(secretLookingStrings({ resource: { x: { y: { password: 'hunter2' } } } })).toEqual(['resource.x.y.password: hunter2']);
  });

  test('flag a secret output that is not sensitive', () => {
    const json = { output: { leak: { value: '${azuread_application_password.S_1.value}', sensitive: false } } };
    expect(exposedSecretOutputs(json)).toEqual(['leak']);
  });
});

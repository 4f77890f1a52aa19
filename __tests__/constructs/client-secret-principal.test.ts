import '../setup';
import { Application } from '@cdktf/provider-azuread/lib/application';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { TerraformOutput } from 'cdktf';
import { ClientSecretPrincipal, rotationSchedule } from '../../lib/constructs/client-secret-principal';
import { onlyResource, resourcesOf, synthScope, TENANT } from '../helpers';

const synthPrincipal = (lifetime?: number) =>
  synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, secretLifetimeDays: lifetime }));
const byId = (json: any, type: string, part: string) =>
  Object.entries(resourcesOf(json, type)).find(([id]) => id.includes(part)) as [string, any];

test('creates a single-tenant app registration and its service principal', () => {
  const { text, json } = synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om-dev-server', tenantId: TENANT }));
  expect(text).toHaveResourceWithProperties(Application, { display_name: 'om-dev-server', sign_in_audience: 'AzureADMyOrg' });
  expect(text).toHaveResourceWithProperties(ServicePrincipal, { app_role_assignment_required: false });
  expect(onlyResource(json, 'azuread_service_principal').client_id).toMatch(
    /^\$\{azuread_application\.Server_Application_[0-9A-F]{8}\.client_id\}$/,
  );
});

describe('the rotation schedule', () => {
  test.each([
    [180, { periodDays: 150, graceDays: 30, lifetimeDays: 180 }],
    [365, { periodDays: 334, graceDays: 30, lifetimeDays: 364 }],
    [30, { periodDays: 20, graceDays: 10, lifetimeDays: 30 }],
    [45, { periodDays: 30, graceDays: 15, lifetimeDays: 45 }],
  ])('a %i-day lifetime', (lifetime, schedule) => {
    expect(rotationSchedule(lifetime)).toEqual(schedule);
  });

  test('never exceeds the lifetime, and leaves an even period so B can run half of it behind A', () => {
    for (let l = 30; l <= 365; l++) {
      const s = rotationSchedule(l);
      expect(s.lifetimeDays).toBeLessThanOrEqual(l);
      expect(s.periodDays % 2).toBe(0);
      expect(s.graceDays).toBeGreaterThanOrEqual(10);
    }
  });
});

describe('two staggered secrets', () => {
  const { json, built } = synthPrincipal(180);
  const [idA, rotA] = byId(json, 'time_rotating', 'SecretRotationA');
  const [idB, rotB] = byId(json, 'time_rotating', 'SecretRotationB');
  const [, pwA] = byId(json, 'azuread_application_password', 'ClientSecretA');
  const [, pwB] = byId(json, 'azuread_application_password', 'ClientSecretB');

  // time 0.14.0 (internal/provider/resource_time_rotating.go, setRotationValues): a configured
  // rotation_rfc3339 wins over rotation_days, which then only records A's period in state.
  test('A is replaced a period after the plan that creates it, its period recorded', () => {
    expect(rotA.rotation_rfc3339).toBe('${timeadd(plantimestamp(), "3600h")}');
    expect(rotA.rotation_days).toBe(150);
  });

  test("B rotates at A's midpoint, then half a period after A, following A at every plan", () => {
    const aRotation = `time_rotating.${idA}.rotation_rfc3339`;
    const aMidpoint = `timeadd(${aRotation}, format("-%dh", (time_rotating.${idA}.rotation_days * 12)))`;
    expect(rotB.rotation_rfc3339).toBe(
      `\${(timecmp(plantimestamp(), ${aMidpoint}) == -1) ? ${aMidpoint} : timeadd(${aRotation}, "1800h")}`,
    );
    // No ignore_changes: a moved rotation is an in-place update that keeps B's ID (ModifyPlan, Update).
    expect(rotB.lifecycle).toBeUndefined();
    expect(rotB.rotation_days).toBeUndefined();
  });

  test('each secret is replaced only when its own rotation comes, new before old is deleted', () => {
    expect(pwA.rotate_when_changed).toEqual({ rotation: `\${time_rotating.${idA}.id}` });
    expect(pwB.rotate_when_changed).toEqual({ rotation: `\${time_rotating.${idB}.id}` });
    expect(pwA.lifecycle.create_before_destroy).toBe(true);
    expect(pwB.lifecycle.create_before_destroy).toBe(true);
  });

  // A changed secretRotationDays must not replace a live secret. time 0.14.0
  // (internal/provider/resource_time_rotating.go, Update) changes rotation_days in place and
  // recomputes rotation_rfc3339, keeping the ID; azuread 3.9
  // (internal/services/applications/application_password_resource.go) forces a new password when
  // end_date changes, and when rotate_when_changed does. The plan time in A's rotation would move
  // it at every plan. Both stay as A was created; B reads A's recorded period for its midpoint.
  test('a changed period leaves the current rotation alone: the new one is used when A next rotates', () => {
    expect(rotA.lifecycle).toEqual({ ignore_changes: ['rotation_days', 'rotation_rfc3339'] });
  });

  test("a changed grace leaves each live secret's expiry alone: only its rotation replaces it", () => {
    expect(pwA.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['end_date'] });
    expect(pwB.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['end_date'] });
  });

  test('nothing else replaces a secret: its only forcing input is its own rotation ID', () => {
    const a = synthPrincipal(180).json;
    const b = synthPrincipal(90).json;
    const password = (json: any, slot: string) => {
      const [, pw] = byId(json, 'azuread_application_password', `ClientSecret${slot}`);
      const { end_date: _ignored, ...rest } = pw;
      return rest;
    };
    // What Terraform compares for the passwords is identical across the change of period.
    expect(password(b, 'A')).toEqual(password(a, 'A'));
    expect(password(b, 'B')).toEqual(password(a, 'B'));
  });

  test('each secret expires 30 days after its replacement is due', () => {
    expect(pwA.end_date).toBe(`\${timeadd(time_rotating.${idA}.rotation_rfc3339, "720h")}`);
    expect(pwB.end_date).toBe(`\${timeadd(time_rotating.${idB}.rotation_rfc3339, "720h")}`);
  });

  test('the secret handed out is the one whose rotation time is later, and only as a reference', () => {
    expect(built.clientSecret).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    const aRotation = `time_rotating.${idA}.rotation_rfc3339`;
    const bRotation = `time_rotating.${idB}.rotation_rfc3339`;
    const { json: withOutput } = synthScope((stack) => {
      const p = new ClientSecretPrincipal(stack, 'Server', { displayName: 'om', tenantId: TENANT, secretLifetimeDays: 180 });
      new TerraformOutput(stack, 'secret', { value: p.clientSecret, sensitive: true });
    });
    expect(withOutput.output.secret.value).toBe(
      `\${(timecmp(${aRotation}, ${bRotation}) != -1) ? azuread_application_password.${byId(json, 'azuread_application_password', 'ClientSecretA')[0]}.value : azuread_application_password.${byId(json, 'azuread_application_password', 'ClientSecretB')[0]}.value}`,
    );
    expect(pwA).not.toHaveProperty('value');
  });
});

describe('owners', () => {
  const OTHER = '33333333-3333-3333-3333-333333333333';
  const deployer = /^\$\{data\.azuread_client_config\.AzureadClientConfig\.object_id\}$/;

  // azuread 3.9 (application_resource.go ~1187 and ~1295, service_principal_resource.go ~441 and
  // ~520) makes the caller an owner while creating, then removes it when `owners` leaves it out.
  test('the deploying principal owns the app registration and the service principal', () => {
    const { json } = synthPrincipal(180);
    expect(onlyResource(json, 'azuread_application').owners).toEqual([expect.stringMatching(deployer)]);
    expect(onlyResource(json, 'azuread_service_principal').owners).toEqual([expect.stringMatching(deployer)]);
  });

  test('the deployer is read once per stack, however many principals', () => {
    const { json } = synthScope((s) => {
      new ClientSecretPrincipal(s, 'Server', { displayName: 'om-server', tenantId: TENANT });
      new ClientSecretPrincipal(s, 'Ingestion', { displayName: 'om-ingestion', tenantId: TENANT });
    });
    expect(Object.keys(json.data.azuread_client_config)).toEqual(['AzureadClientConfig']);
  });

  test('additional owners join the deployer', () => {
    const { json } = synthScope(
      (s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, additionalOwners: [OTHER] }),
    );
    expect(onlyResource(json, 'azuread_application').owners).toEqual([expect.stringMatching(deployer), OTHER]);
    expect(onlyResource(json, 'azuread_service_principal').owners).toEqual([expect.stringMatching(deployer), OTHER]);
  });

  test('fails when an additional owner is not an object ID', () => {
    expect(() =>
      synthScope(
        (s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, additionalOwners: ['alice@example.com'] }),
      ),
    ).toThrow('additionalOwners[0]: received "alice@example.com"; expected a GUID');
  });

  test('fails when there are more owners than Entra ID allows', () => {
    const many = Array.from({ length: 100 }, (_, i) => `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`);
    expect(() =>
      synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, additionalOwners: many })),
    ).toThrow('additionalOwners: received 100 owners; expected at most 99');
  });
});

test('fails when the lifetime exceeds 365 days', () => {
  expect(() => synthPrincipal(730)).toThrow('secretLifetimeDays: received 730; expected a whole number from 30 to 365');
});

test('fails when the display name has markup in it', () => {
  expect(() => synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: '<b>om</b>', tenantId: TENANT }))).toThrow(
    'displayName: received "<b>om</b>"; expected an application display name',
  );
});

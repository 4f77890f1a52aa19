import { Application } from '@cdktf/provider-azuread/lib/application';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { ClientSecretPrincipal, rotationSchedule } from '../lib/client-secret-principal';
import { onlyResource, resourcesOf, synthScope, TENANT } from './helpers';

const synthPrincipal = (lifetime?: number) =>
  synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, secretLifetimeDays: lifetime }));
const byId = (json: any, type: string, part: string) => Object.entries(resourcesOf(json, type)).find(([id]) => id.includes(part)) as [string, any];

test('creates a single-tenant app registration and its service principal', () => {
  const { text, json } = synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om-dev-server', tenantId: TENANT }));
  expect(text).toHaveResourceWithProperties(Application, { display_name: 'om-dev-server', sign_in_audience: 'AzureADMyOrg' });
  expect(text).toHaveResourceWithProperties(ServicePrincipal, { app_role_assignment_required: false });
  expect(onlyResource(json, 'azuread_service_principal').client_id).toMatch(/^\$\{azuread_application\.Server_Application_[0-9A-F]{8}\.client_id\}$/);
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

  test('A is replaced every period', () => {
    expect(rotA).toEqual({ rotation_days: 150 });
  });

  test('B rotates half a period away from A, computed once', () => {
    const aRotation = `time_rotating.${idA}.rotation_rfc3339`;
    expect(rotB.rotation_rfc3339).toBe(
      `\${(timecmp(timeadd(${aRotation}, "-1800h"), plantimestamp()) >= 1) ? timeadd(${aRotation}, "-1800h") : timeadd(${aRotation}, "1800h")}`,
    );
    expect(rotB.lifecycle).toEqual({ ignore_changes: ['rotation_rfc3339'] });
    expect(rotB.rotation_days).toBeUndefined();
  });

  test('each secret is replaced only when its own rotation comes, new before old is deleted', () => {
    expect(pwA.rotate_when_changed).toEqual({ rotation: `\${time_rotating.${idA}.id}` });
    expect(pwB.rotate_when_changed).toEqual({ rotation: `\${time_rotating.${idB}.id}` });
    expect(pwA.lifecycle).toEqual({ create_before_destroy: true });
    expect(pwB.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('each secret expires 30 days after its replacement is due', () => {
    expect(pwA.end_date).toBe(`\${timeadd(time_rotating.${idA}.rotation_rfc3339, "720h")}`);
    expect(pwB.end_date).toBe(`\${timeadd(time_rotating.${idB}.rotation_rfc3339, "720h")}`);
  });

  test('the secret handed out is the newer one, and only as a reference', () => {
    expect(built.clientSecret).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(pwA).not.toHaveProperty('value');
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

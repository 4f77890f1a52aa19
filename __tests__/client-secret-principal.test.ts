import { Application } from '@cdktf/provider-azuread/lib/application';
import { ServicePrincipal } from '@cdktf/provider-azuread/lib/service-principal';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import { ClientSecretPrincipal } from '../lib/client-secret-principal';
import { onlyResource, synthScope, TENANT } from './helpers';

test('creates a single-tenant app registration and its service principal', () => {
  const { text, json } = synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om-dev-server', tenantId: TENANT }));
  expect(text).toHaveResourceWithProperties(Application, { display_name: 'om-dev-server', sign_in_audience: 'AzureADMyOrg' });
  expect(text).toHaveResourceWithProperties(ServicePrincipal, { app_role_assignment_required: false });
  expect(onlyResource(json, 'azuread_service_principal').client_id).toMatch(/^\$\{azuread_application\.Server_Application_[0-9A-F]{8}\.client_id\}$/);
});

test('the secret lives 180 days by default and is renewed by any apply in its last 30', () => {
  const { text, json } = synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT }));
  expect(text).toHaveResourceWithProperties(Rotating, { rotation_days: 150 });
  const password = onlyResource(json, 'azuread_application_password');
  expect(password.end_date).toMatch(/^\$\{timeadd\(time_rotating\.Server_SecretRotation_[0-9A-F]{8}\.rfc3339, "4320h"\)\}$/);
  expect(password.rotate_when_changed).toEqual({ rotation: expect.stringMatching(/^\$\{time_rotating\.Server_SecretRotation_[0-9A-F]{8}\.id\}$/) });
  expect(password.lifecycle).toEqual({ create_before_destroy: true });
  expect(password.application_id).toMatch(/^\$\{azuread_application\.Server_Application_[0-9A-F]{8}\.id\}$/);
});

test('a short lifetime keeps half of it for renewal', () => {
  const { text, built: principal } = synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, secretLifetimeDays: 40 }));
  expect(principal.renewBeforeDays).toBe(20);
  expect(text).toHaveResourceWithProperties(Rotating, { rotation_days: 20 });
});

test('exposes the secret only as a Terraform reference, never a value', () => {
  const { built: principal } = synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT }));
  expect(principal.clientSecret).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
});

test('fails when the lifetime exceeds 365 days', () => {
  expect(() => synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: 'om', tenantId: TENANT, secretLifetimeDays: 730 }))).toThrow(
    'secretLifetimeDays: received 730; expected a whole number from 30 to 365',
  );
});

test('fails when the display name has markup in it', () => {
  expect(() => synthScope((s) => new ClientSecretPrincipal(s, 'Server', { displayName: '<b>om</b>', tenantId: TENANT }))).toThrow(
    'displayName: received "<b>om</b>"; expected an application display name',
  );
});

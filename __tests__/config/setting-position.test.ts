import { settingPosition } from '../../lib/config/setting-position';

const FILE = [
  'defaults:', //                                   1
  '  keyVault:', //                                 2
  '    purgeProtection: false', //                  3
  'environments:', //                               4
  '  dev:', //                                      5
  '    location: westeurope', //                    6
  '    keyVault:', //                               7
  '      name: kv-dev', //                          8
  '      network:', //                              9
  '        allowedIpRanges: [203.0.113.0/24]', //  10
  '  prod:', //                                    11
  '    location: westeurope', //                   12
  '',
].join('\n');

test('points at the key of a setting the environment writes', () => {
  expect(settingPosition(FILE, 'dev', ['keyVault', 'network', 'allowedIpRanges'])).toEqual({
    line: 10,
    column: 9,
    found: ['keyVault', 'network', 'allowedIpRanges'],
  });
});

test('points under defaults at a setting the environment inherits', () => {
  expect(settingPosition(FILE, 'dev', ['keyVault', 'purgeProtection'])).toEqual({
    line: 3,
    column: 5,
    found: ['keyVault', 'purgeProtection'],
  });
});

test('points at the nearest key the file writes for a setting left to its default', () => {
  expect(settingPosition(FILE, 'dev', ['keyVault', 'lock'])).toEqual({ line: 7, column: 5, found: ['keyVault'] });
  expect(settingPosition(FILE, 'prod', ['aks', 'oidcIssuerUrl'])).toEqual({ line: 11, column: 3, found: [] });
});

test('gives nothing for an environment the file does not have', () => {
  expect(settingPosition(FILE, 'test', ['location'])).toBeUndefined();
});

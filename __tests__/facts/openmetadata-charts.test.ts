import { OPENMETADATA_CHARTS } from '../../lib/facts/openmetadata-charts';
import { DEPENDENCIES_CHART_READ_AT } from '../fixtures/dependencies-chart-defaults';
import { OPENMETADATA_CHART_READ_AT } from '../fixtures/openmetadata-chart-constraints';

// The chart facts the tests hold the values to were read at one version; the printed commands
// install that version. A bump of the constant fails here until the fixtures are read again.
test('the chart fixtures were read at the version the commands install', () => {
  expect(OPENMETADATA_CHART_READ_AT).toBe(OPENMETADATA_CHARTS.version);
  expect(DEPENDENCIES_CHART_READ_AT).toBe(OPENMETADATA_CHARTS.version);
});

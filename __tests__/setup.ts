// Registers cdktf's matchers (toHaveResourceWithProperties & co.) on expect. Imported by the test
// files that use them. Through the main export, so the tests' cdktf bundle (jest.config.js) serves
// it; the adapter module is imported for its types only (the import is erased when transpiled).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();

// Registers cdktf's matchers (toHaveResourceWithProperties & co.) on expect. Imported by the test
// files that use them; the adapter module is imported for its types only (erased when transpiled).
import type {} from 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();

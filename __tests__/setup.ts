// Registers cdktf's matchers (toHaveResourceWithProperties & co.) on expect, with their types.
// Imported by the test files that use them.
import { setupJest } from 'cdktf/lib/testing/adapters/jest';

setupJest();

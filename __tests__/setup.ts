// Registers cdktf's matchers (toHaveResourceWithProperties & co.) on expect, with their types.
import { setupJest } from 'cdktf/lib/testing/adapters/jest';

setupJest();

/**
 * This project's version, as package.json states it (a test holds the two together): what the SARIF
 * log names as the tool version, so a consumer can compare logs by it.
 */
export const PROJECT_VERSION = '0.1.0';

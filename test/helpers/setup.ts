// Shared vitest setup. Keep it tiny: helpers live beside it and are imported explicitly.
export {};

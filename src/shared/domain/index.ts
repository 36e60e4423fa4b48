/** The coaching domain's types, one module per area. */
export * from './ids';
export * from './people';
export * from './settings';
export * from './calls';

/** The `.gamefilm` packet: file format schemas, their migrations, and the packet API's result types. */
export * from './schema';
export * from './migrate';
export * from './types';
export * from './format';
